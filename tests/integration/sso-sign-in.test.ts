import { describe, expect, it } from 'vitest';
import { addRoleMappingCommand, removeRoleMappingCommand } from '@/lib/access/commands';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import {
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  setSsoConnectionEnabledCommand,
  startSsoTestCommand,
} from '@/lib/sso/commands';
import { completeSamlSignIn, redeemSsoTicket, startSamlSignIn, startSsoSignIn } from '@/lib/sso/flow';
import { ssoConnectionForEmail } from '@/lib/sso/routing';
import { serviceProviderValues } from '@/lib/sso/sp';
import { builder, createTestOrganization, memberOf, uniqueDomain } from '../factories';
import { IDP_CERTIFICATE_PEM, type TestResponseOptions, testId, testSamlResponse } from '../support/saml-idp';

const request = { ip: null, requestId: null };
const ENTITY = 'http://www.okta.com/exk-integration';

async function configuredConnection(options: { enabled?: boolean; idpInitiated?: boolean } = {}) {
  const org = await createTestOrganization();
  const domainName = uniqueDomain('ssoflow');
  const domain = await (await db()).$transaction((tx) => addDomain(tx, org.id, domainName, { status: 'verified' }));
  const created = await createSsoConnectionCommand(builder, { organizationId: org.id, name: 'Okta', provider: 'okta', protocol: 'saml' });
  if (!created.ok) throw new Error(created.message);
  const id = created.data.id;
  const configured = await configureSamlConnectionCommand(builder, {
    organizationId: org.id,
    connectionId: id,
    name: 'Okta',
    idpEntityId: ENTITY,
    idpSsoUrl: 'https://acme.okta.example/sso',
    certificates: [IDP_CERTIFICATE_PEM],
    idpInitiated: options.idpInitiated ? 'on' : 'off',
    emailAttribute: 'email',
    firstNameAttribute: 'firstName',
    lastNameAttribute: 'lastName',
    groupsAttribute: 'groups',
    domainIds: [domain.id],
  });
  if (!configured.ok) throw new Error(configured.message);
  if (options.enabled !== false) {
    const enabled = await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'on' });
    if (!enabled.ok) throw new Error(enabled.message);
  }
  const sp = serviceProviderValues(getConfig().appUrl, id);
  const connection = await (await db()).ssoConnection.findUniqueOrThrow({ where: { id }, include: { certificates: true } });
  return { org, domainName, id, sp, connection };
}

/** The request id inside a redirect URL's SAMLRequest. */
async function requestIdOf(url: string) {
  const zlib = await import('node:zlib');
  const xml = zlib.inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return /\sID="([^"]+)"/.exec(xml)![1]!;
}

async function respond(setup: Awaited<ReturnType<typeof configuredConnection>>, options: Partial<TestResponseOptions>, now = new Date()) {
  const response = await testSamlResponse({ issuer: ENTITY, acsUrl: setup.sp.acsUrl, audience: setup.sp.entityId, ...options });
  return completeSamlSignIn(await db(), setup.id, response, options.inResponseTo === undefined ? null : '', now, request);
}

describe('a SAML test sign-in', () => {
  it('answers a request Orgdesk issued, logs the attempt as the last test, and creates no member or session', async () => {
    const setup = await configuredConnection({ enabled: false });
    const started = await startSsoTestCommand(builder, { organizationId: setup.org.id, connectionId: setup.id });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.data.url.startsWith('https://acme.okta.example/sso?SAMLRequest=')).toBe(true);
    const requestId = await requestIdOf(started.data.url);
    const outcome = await respond(setup, {
      inResponseTo: requestId,
      nameId: 'tess@example.com',
      attributes: { email: ['tess@example.com'] },
    });
    expect(outcome).toMatchObject({ kind: 'test', connectionId: setup.id });
    const client = await db();
    const connection = await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    const attempt = await client.ssoSignInAttempt.findUniqueOrThrow({ where: { id: connection.lastTestAttemptId! } });
    expect(attempt).toMatchObject({ test: true, outcome: 'success', email: 'tess@example.com' });
    expect(await client.user.count({ where: { email: 'tess@example.com' } })).toBe(0);
    expect(await client.membership.count({ where: { organizationId: setup.org.id } })).toBe(0);
    // The request was answered once.
    expect(await client.ssoRequest.count({ where: { id: requestId } })).toBe(0);
  });

  it('a forged post that claims to be a test writes no test result', async () => {
    const setup = await configuredConnection({ enabled: false });
    const forged = await testSamlResponse({
      issuer: ENTITY,
      acsUrl: setup.sp.acsUrl,
      audience: setup.sp.entityId,
      inResponseTo: '_never_issued',
      sign: 'none',
    });
    const outcome = await completeSamlSignIn(await db(), setup.id, forged, 'test', new Date(), request);
    expect(outcome.kind).toBe('refused');
    const connection = await (await db()).ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    expect(connection.lastTestAt).toBeNull();
  });

  it('another organization’s connection can’t be tested from mine, even by its owner', async () => {
    const setup = await configuredConnection();
    const mine = await createTestOrganization();
    const owner = await memberOf(mine.id, 'owner');
    for (const [principal, organizationId] of [
      [builder, mine.id],
      [owner, mine.id],
      [owner, setup.org.id],
    ] as const) {
      expect(await startSsoTestCommand(principal, { organizationId, connectionId: setup.id })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
    }
    expect(await (await db()).ssoRequest.count({ where: { connectionId: setup.id } })).toBe(0);
  });
});

describe('signing in with SAML', () => {
  it('a new person joins just in time as a Member through SSO, and the single-use ticket opens one session', async () => {
    const setup = await configuredConnection();
    const client = await db();
    const route = await ssoConnectionForEmail(client, `newcomer@${setup.domainName}`);
    expect(route?.id).toBe(setup.id);
    const started = await startSsoSignIn(client, route!.id, 'sign_in', new Date(), `newcomer@${setup.domainName}`);
    if (!started.ok) throw new Error(started.message);
    const url = started.data;
    const email = `newcomer@${setup.domainName}`;
    const outcome = await respond(setup, {
      inResponseTo: await requestIdOf(url),
      nameId: '00u-newcomer',
      attributes: { email: [email], firstName: ['New'], lastName: ['Comer'], groups: ['staff'] },
    });
    expect(outcome.kind).toBe('signed_in');
    if (outcome.kind !== 'signed_in') return;
    const user = await client.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe('New Comer');
    const membership = await client.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: setup.org.id, userId: user.id } },
    });
    expect(membership).toMatchObject({ role: 'member', joinedVia: 'sso', status: 'active' });
    expect(await client.ssoIdentity.count({ where: { connectionId: setup.id, subject: '00u-newcomer', userId: user.id } })).toBe(1);
    expect(await client.endUserActivity.count({ where: { organizationId: setup.org.id, kind: 'sso_sign_in' } })).toBe(1);
    const joined = await client.auditEvent.findFirstOrThrow({ where: { organizationId: setup.org.id, action: 'member.joined' } });
    expect(joined.summary).toMatchObject({ via: 'sso', role: 'member' });

    const redeemed = await redeemSsoTicket(client, outcome.ticket, new Date());
    expect(redeemed).toEqual({ userId: user.id, connectionId: setup.id });
    expect(await redeemSsoTicket(client, outcome.ticket, new Date())).toBeNull();

    // Disabling the connection ends the sessions started through it.
    await client.session.create({
      data: { sessionToken: testId('tok'), userId: user.id, expires: new Date(Date.now() + 86_400_000), ssoConnectionId: setup.id },
    });
    expect(
      await setSsoConnectionEnabledCommand(builder, { organizationId: setup.org.id, connectionId: setup.id, enabled: 'off' }),
    ).toMatchObject({ ok: true });
    expect(await client.session.count({ where: { ssoConnectionId: setup.id } })).toBe(0);
    expect(await ssoConnectionForEmail(client, email)).toBeNull();
  });

  it('the identity is keyed by subject: an email changed at the identity provider updates the same person', async () => {
    const setup = await configuredConnection({ idpInitiated: true });
    const client = await db();
    const first = `old.name@${setup.domainName}`;
    const second = `new.name@${setup.domainName}`;
    expect((await respond(setup, { nameId: '00u-stable', attributes: { email: [first] } })).kind).toBe('signed_in');
    const user = await client.user.findUniqueOrThrow({ where: { email: first } });
    expect((await respond(setup, { nameId: '00u-stable', attributes: { email: [second] } })).kind).toBe('signed_in');
    expect((await client.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(second);
    expect(await client.user.count({ where: { email: { in: [first, second] } } })).toBe(1);
    expect(await client.membership.count({ where: { organizationId: setup.org.id } })).toBe(1);
  });

  it('an existing account is linked only when its email’s domain is verified for the organization; otherwise refused', async () => {
    const setup = await configuredConnection({ idpInitiated: true });
    const client = await db();
    const inside = await client.user.create({ data: { email: `existing@${setup.domainName}` } });
    expect((await respond(setup, { nameId: '00u-inside', attributes: { email: [inside.email] } })).kind).toBe('signed_in');
    expect(await client.ssoIdentity.count({ where: { connectionId: setup.id, userId: inside.id } })).toBe(1);

    const outsider = await client.user.create({ data: { email: `someone@${uniqueDomain('elsewhere')}` } });
    const refused = await respond(setup, { nameId: '00u-outside', attributes: { email: [outsider.email] } });
    expect(refused).toMatchObject({ kind: 'refused', code: 'saml_account_conflict' });
    expect(await client.membership.count({ where: { organizationId: setup.org.id, userId: outsider.id } })).toBe(0);
    const attempt = await client.ssoSignInAttempt.findFirstOrThrow({ where: { connectionId: setup.id, outcome: 'saml_account_conflict' } });
    expect(attempt.test).toBe(false);
  });

  it('replay, unsolicited, stale and foreign requests are each refused with their own code', async () => {
    const allowing = await configuredConnection({ idpInitiated: true });
    const assertionId = testId('assert');
    expect((await respond(allowing, { assertionId, attributes: { email: [`ada@${allowing.domainName}`] } })).kind).toBe('signed_in');
    expect(await respond(allowing, { assertionId, attributes: { email: [`ada@${allowing.domainName}`] } })).toMatchObject({
      code: 'saml_replay',
    });
    const old = new Date(Date.now() - 6 * 60_000);
    expect(
      await respond(allowing, {
        issueInstant: old,
        notOnOrAfter: new Date(Date.now() + 60_000),
        attributes: { email: [`ada@${allowing.domainName}`] },
      }),
    ).toMatchObject({ code: 'saml_too_old' });

    const strict = await configuredConnection();
    expect(await respond(strict, { attributes: { email: [`bob@${strict.domainName}`] } })).toMatchObject({ code: 'saml_unsolicited' });
    // A request of another connection, or one past its 10 minutes, isn't this response's.
    const client = await db();
    const foreign = await requestIdOf(await startSamlSignIn(client, allowing.connection, 'sign_in', new Date()));
    expect(await respond(strict, { inResponseTo: foreign, attributes: { email: [`bob@${strict.domainName}`] } })).toMatchObject({
      code: 'saml_in_response_to',
    });
    const stale = await requestIdOf(await startSamlSignIn(client, strict.connection, 'sign_in', new Date(Date.now() - 11 * 60_000)));
    expect(await respond(strict, { inResponseTo: stale, attributes: { email: [`bob@${strict.domainName}`] } })).toMatchObject({
      code: 'saml_in_response_to',
    });
    expect(await client.membership.count({ where: { organizationId: strict.org.id } })).toBe(0);
  });

  it('a disabled connection signs no one in, and an unknown connection is refused', async () => {
    const setup = await configuredConnection({ enabled: false, idpInitiated: true });
    expect(await respond(setup, { attributes: { email: [`ada@${setup.domainName}`] } })).toMatchObject({
      kind: 'refused',
      code: 'sso_disabled',
    });
    const outcome = await completeSamlSignIn(await db(), '00000000-0000-4000-8000-000000000000', 'PHg+', null, new Date(), request);
    expect(outcome).toMatchObject({ kind: 'refused', code: 'sso_unknown_connection' });
  });

  it('three failed sign-ins in a row put the connection in error (Needs attention); stray posts don’t count; a success ends it', async () => {
    const setup = await configuredConnection();
    const client = await db();
    const email = `ada@${setup.domainName}`;
    const answer = async (options: Partial<TestResponseOptions>) => {
      const url = await startSamlSignIn(client, setup.connection, 'sign_in', new Date());
      return respond(setup, { inResponseTo: await requestIdOf(url), attributes: { email: [email] }, ...options });
    };
    // Stray posts answering nothing Orgdesk issued: logged, but the connection stays healthy.
    for (let i = 0; i < 3; i++) await respond(setup, { inResponseTo: `_stray${i}`, sign: 'none', attributes: { email: [email] } });
    expect((await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } })).status).not.toBe('error');

    await answer({ audience: 'https://wrong.example' });
    await answer({ audience: 'https://wrong.example' });
    expect((await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } })).status).not.toBe('error');
    await answer({ audience: 'https://wrong.example' });
    const failing = await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    expect(failing.status).toBe('error');
    expect(failing.lastError).toMatch(/^The last 3 sign-ins failed. Latest: Audience: Audience was https:\/\/wrong\.example/);
    const org = await client.organization.findUniqueOrThrow({ where: { id: setup.org.id } });
    expect(org.state).toBe('needs_attention');
    expect(org.stateReasons).toContainEqual({ code: 'sso_error' });
    expect(await client.auditEvent.count({ where: { targetId: setup.id, action: 'sso.connection_failing' } })).toBe(1);

    expect((await answer({})).kind).toBe('signed_in');
    const recovered = await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    expect(recovered).toMatchObject({ status: 'active', lastError: null });
    expect((await client.organization.findUniqueOrThrow({ where: { id: setup.org.id } })).stateReasons).not.toContainEqual({
      code: 'sso_error',
    });
    expect(await client.auditEvent.count({ where: { targetId: setup.id, action: 'sso.connection_recovered' } })).toBe(1);
  });

  it('a domain an enabled connection applies to is one SSO depends on: if it stops verifying, the organization needs attention', async () => {
    const setup = await configuredConnection();
    const client = await db();
    const domain = await client.domain.findFirstOrThrow({ where: { organizationId: setup.org.id, name: setup.domainName } });
    await client.$transaction(async (tx) => {
      await tx.domain.update({ where: { id: domain.id }, data: { status: 'failed' } });
      await recomputeOrganizationState(tx, setup.org.id, new Date());
    });
    const org = await client.organization.findUniqueOrThrow({ where: { id: setup.org.id } });
    expect(org.stateReasons).toContainEqual({ code: 'domain_unverified', domain: setup.domainName, status: 'failed', dependents: ['sso'] });
  });

  it('group → role mappings give the role at the first sign-in and at every one after, each change audited', async () => {
    const setup = await configuredConnection({ idpInitiated: true });
    const client = await db();
    const ref = { organizationId: setup.org.id };
    expect(await addRoleMappingCommand(builder, { ...ref, group: 'it-admins', role: 'owner' })).toMatchObject({
      ok: false,
      fieldErrors: { allowOwner: [expect.stringMatching(/explicitly/)] },
    });
    expect(await addRoleMappingCommand(builder, { ...ref, group: 'it-admins', role: 'admin' })).toMatchObject({ ok: true });
    expect(await addRoleMappingCommand(builder, { ...ref, group: 'it-admins', role: 'member' })).toMatchObject({
      ok: false,
      fieldErrors: { group: [expect.stringMatching(/already mapped/)] },
    });
    // The database refuses an Owner mapping without the allowance, whatever the code does.
    await expect(
      client.roleMapping.create({ data: { organizationId: setup.org.id, group: 'x', role: 'owner', allowOwner: false } }),
    ).rejects.toThrow();

    const email = `grace@${setup.domainName}`;
    expect((await respond(setup, { nameId: '00u-grace', attributes: { email: [email], groups: ['it-admins', 'staff'] } })).kind).toBe(
      'signed_in',
    );
    const user = await client.user.findUniqueOrThrow({ where: { email } });
    const membership = () =>
      client.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: setup.org.id, userId: user.id } } });
    expect((await membership()).role).toBe('admin');
    const joined = await client.auditEvent.findFirstOrThrow({
      where: { organizationId: setup.org.id, action: 'member.joined', targetId: user.id },
    });
    expect(joined.summary).toMatchObject({ role: 'admin', mapping: 'it-admins' });

    // Out of the group at the identity provider: the next sign-in takes the role back, audited.
    expect((await respond(setup, { nameId: '00u-grace', attributes: { email: [email], groups: ['staff'] } })).kind).toBe('signed_in');
    expect((await membership()).role).toBe('member');
    const changed = await client.auditEvent.findFirstOrThrow({
      where: { organizationId: setup.org.id, action: 'member.role_changed', targetId: user.id },
    });
    expect(changed.summary).toMatchObject({ role: { before: 'admin', after: 'member' }, via: 'sso_mapping' });
  });

  it('mappings are scoped to their organization: another organization’s can’t be removed or added to from mine', async () => {
    const theirs = await configuredConnection();
    const mine = await createTestOrganization();
    const added = await addRoleMappingCommand(builder, { organizationId: theirs.org.id, group: 'eng', role: 'admin' });
    if (!added.ok) throw new Error(added.message);
    const owner = await memberOf(mine.id, 'owner');
    expect(await removeRoleMappingCommand(builder, { organizationId: mine.id, mappingId: added.data.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await removeRoleMappingCommand(owner, { organizationId: theirs.org.id, mappingId: added.data.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await addRoleMappingCommand(owner, { organizationId: theirs.org.id, group: 'mine', role: 'admin' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const client = await db();
    expect(await client.roleMapping.count({ where: { organizationId: theirs.org.id } })).toBe(1);
    expect(await removeRoleMappingCommand(builder, { organizationId: theirs.org.id, mappingId: added.data.id })).toMatchObject({
      ok: true,
    });
    expect(
      await client.auditEvent.count({
        where: { organizationId: theirs.org.id, action: { in: ['role_mapping.added', 'role_mapping.removed'] } },
      }),
    ).toBe(2);
  });
});
