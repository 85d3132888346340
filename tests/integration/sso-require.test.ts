import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { changeMemberRoleCommand } from '@/lib/members/commands';
import {
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  deleteSsoConnectionCommand,
  setSsoConnectionEnabledCommand,
  setSsoRequirementCommand,
} from '@/lib/sso/commands';
import { emailLinkPolicy, recordBreakGlassSignIns } from '@/lib/sso/policy';
import { builder, createTestOrganization, memberOf, uniqueDomain } from '../factories';
import { IDP_CERTIFICATE_PEM } from '../support/saml-idp';

async function organizationWithSso() {
  const org = await createTestOrganization();
  const client = await db();
  const domainName = uniqueDomain('req');
  const domain = await client.$transaction((tx) => addDomain(tx, org.id, domainName, { status: 'verified' }));
  const created = await createSsoConnectionCommand(builder, { organizationId: org.id, name: 'Okta', provider: 'okta', protocol: 'saml' });
  if (!created.ok) throw new Error(created.message);
  const connectionId = created.data.id;
  await configureSamlConnectionCommand(builder, {
    organizationId: org.id,
    connectionId,
    name: 'Okta',
    idpEntityId: 'urn:idp',
    idpSsoUrl: 'https://idp.example/sso',
    certificates: [IDP_CERTIFICATE_PEM],
    emailAttribute: 'email',
    firstNameAttribute: 'firstName',
    lastNameAttribute: 'lastName',
    groupsAttribute: 'groups',
    domainIds: [domain.id],
  });
  const member = async (local: string, role: string) => {
    const user = await client.user.create({ data: { email: `${local}@${domainName}` } });
    return client.membership.create({
      data: { organizationId: org.id, userId: user.id, role, joinedVia: 'invitation' },
      include: { user: true },
    });
  };
  const owner = await member('owner', 'owner');
  const admin = await member('admin', 'admin');
  return { org, domainName, connectionId, owner, admin };
}

describe('Require SSO', () => {
  it('needs an enabled connection and a break-glass owner; then refuses email links to everyone at the domain but that owner', async () => {
    const { org, domainName, connectionId, owner, admin } = await organizationWithSso();
    const client = await db();
    const require = (ids: string[]) =>
      setSsoRequirementCommand(builder, { organizationId: org.id, requireSso: 'on', breakGlassMembershipIds: ids });

    expect(await require([owner.id])).toMatchObject({
      ok: false,
      fieldErrors: { requireSso: [expect.stringMatching(/Enable an SSO connection/)] },
    });
    await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId, enabled: 'on' });
    expect(await require([])).toMatchObject({
      ok: false,
      fieldErrors: { breakGlassMembershipIds: [expect.stringMatching(/at least one break-glass owner/)] },
    });
    expect(await require([admin.id])).toMatchObject({
      ok: false,
      fieldErrors: { breakGlassMembershipIds: [expect.stringMatching(/active owners/)] },
    });
    expect((await client.organization.findUniqueOrThrow({ where: { id: org.id } })).requireSso).toBe(false);

    expect(await require([owner.id])).toMatchObject({ ok: true });
    expect(await emailLinkPolicy(client, `someone@${domainName}`)).toEqual({ refused: true, breakGlassFor: [] });
    expect(await emailLinkPolicy(client, admin.user.email)).toMatchObject({ refused: true });
    expect(await emailLinkPolicy(client, owner.user.email)).toEqual({ refused: false, breakGlassFor: [org.id] });
    expect(await emailLinkPolicy(client, `someone@${uniqueDomain('free')}`)).toEqual({ refused: false, breakGlassFor: [] });
    const event = await client.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: 'sso.requirement_changed' } });
    expect(event.summary).toMatchObject({ requireSso: { before: false, after: true }, breakGlass: { after: [owner.user.email] } });

    // A break-glass sign-in is audited in the organization.
    expect(await recordBreakGlassSignIns(client, { id: owner.userId, email: owner.user.email }, new Date())).toEqual([org.id]);
    expect(
      await client.auditEvent.count({ where: { organizationId: org.id, action: 'sso.break_glass_used', targetLabel: owner.user.email } }),
    ).toBe(1);
  });

  it('the only enabled connection can’t be disabled or deleted while SSO is required', async () => {
    const { org, connectionId, owner } = await organizationWithSso();
    await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId, enabled: 'on' });
    await setSsoRequirementCommand(builder, { organizationId: org.id, requireSso: 'on', breakGlassMembershipIds: [owner.id] });
    expect(await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId, enabled: 'off' })).toMatchObject({
      ok: false,
      code: 'sso_required',
    });
    expect(await deleteSsoConnectionCommand(builder, { organizationId: org.id, connectionId, confirmName: 'Okta' })).toMatchObject({
      ok: false,
      code: 'sso_required',
    });
    const client = await db();
    expect((await client.ssoConnection.findUniqueOrThrow({ where: { id: connectionId } })).enabled).toBe(true);
    // Turned off, the connection can go.
    await setSsoRequirementCommand(builder, { organizationId: org.id, requireSso: 'off', breakGlassMembershipIds: [owner.id] });
    expect(await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId, enabled: 'off' })).toMatchObject({
      ok: true,
    });
  });

  it('losing Owner ends break-glass, which the database allows only for owners', async () => {
    const { org, owner } = await organizationWithSso();
    const client = await db();
    const second = await client.membership.create({
      data: {
        organizationId: org.id,
        userId: (await client.user.create({ data: { email: `second@${uniqueDomain('own')}` } })).id,
        role: 'owner',
        joinedVia: 'invitation',
      },
    });
    await client.membership.update({ where: { id: owner.id }, data: { breakGlass: true } });
    expect(await changeMemberRoleCommand(builder, { organizationId: org.id, membershipId: owner.id, role: 'admin' })).toMatchObject({
      ok: true,
    });
    expect((await client.membership.findUniqueOrThrow({ where: { id: owner.id } })).breakGlass).toBe(false);
    await expect(client.membership.update({ where: { id: owner.id }, data: { breakGlass: true } })).rejects.toThrow();
    expect(second.breakGlass).toBe(false);
  });

  it('another organization’s members can’t be named, and its requirement can’t be changed from mine', async () => {
    const theirs = await organizationWithSso();
    const mine = await organizationWithSso();
    const client = await db();
    expect(
      await setSsoRequirementCommand(builder, {
        organizationId: mine.org.id,
        requireSso: 'off',
        breakGlassMembershipIds: [theirs.owner.id],
      }),
    ).toMatchObject({ ok: false, fieldErrors: { breakGlassMembershipIds: [expect.stringMatching(/active owners of this organization/)] } });
    expect((await client.membership.findUniqueOrThrow({ where: { id: theirs.owner.id } })).breakGlass).toBe(false);
    const myOwner = await memberOf(mine.org.id, 'owner');
    expect(
      await setSsoRequirementCommand(myOwner, { organizationId: theirs.org.id, requireSso: 'off', breakGlassMembershipIds: [] }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await client.auditEvent.count({ where: { organizationId: theirs.org.id, action: 'sso.requirement_changed' } })).toBe(0);
  });
});
