import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { unseal } from '@/lib/crypto/sealed';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import {
  configureOidcConnectionCommand,
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  deleteSsoConnectionCommand,
  setSsoConnectionEnabledCommand,
} from '@/lib/sso/commands';
import { builder, createTestOrganization, memberOf, uniqueDomain } from '../factories';

const PEM = fs.readFileSync('tests/fixtures/sso/idp-certificate.pem', 'utf8');

async function organizationWithDomains() {
  const org = await createTestOrganization();
  const client = await db();
  const verified = await client.$transaction((tx) => addDomain(tx, org.id, uniqueDomain('sso'), { status: 'verified' }));
  const pending = await client.$transaction((tx) => addDomain(tx, org.id, uniqueDomain('pending'), { status: 'pending' }));
  return { org, verified, pending };
}

async function createConnection(organizationId: string, provider: string, protocol: 'saml' | 'oidc', name = 'Okta (employees)') {
  const created = await createSsoConnectionCommand(builder, { organizationId, name, provider, protocol });
  if (!created.ok) throw new Error(created.message);
  return created.data.id;
}

const samlSettings = (domainId: string) => ({
  name: 'Okta (employees)',
  idpEntityId: 'http://www.okta.com/exk1234567890',
  idpSsoUrl: 'https://acme.okta.com/app/orgdesk/sso/saml',
  certificates: [PEM],
  emailAttribute: 'email',
  firstNameAttribute: 'firstName',
  lastNameAttribute: 'lastName',
  groupsAttribute: 'groups',
  domainIds: [domainId],
});

const load = async (id: string) =>
  (await db()).ssoConnection.findUniqueOrThrow({ where: { id }, include: { certificates: true, domains: true } });

describe('SSO connections in the console', () => {
  it('a SAML connection starts disabled with its provider’s attributes, is configured, and enabled once complete', async () => {
    const { org, verified } = await organizationWithDomains();
    const id = await createConnection(org.id, 'entra', 'saml', 'Entra ID');
    const created = await load(id);
    expect(created).toMatchObject({ enabled: false, status: 'draft', protocol: 'saml', provider: 'entra' });
    expect((created.attributeMapping as { email: string }).email).toContain('identity/claims/emailaddress');

    // Incomplete: enabling says what is missing and changes nothing.
    const early = await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'on' });
    expect(early).toMatchObject({ ok: false, code: 'sso_incomplete' });
    if (!early.ok) expect(early.message).toContain('signing certificate');
    expect((await load(id)).enabled).toBe(false);

    const configured = await configureSamlConnectionCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      ...samlSettings(verified.id),
    });
    expect(configured).toMatchObject({ ok: true });
    const saved = await load(id);
    expect(saved.idpSsoUrl).toBe('https://acme.okta.com/app/orgdesk/sso/saml');
    expect(saved.certificates).toHaveLength(1);
    expect(saved.certificates[0]!.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(saved.domains.map((d) => d.domainId)).toEqual([verified.id]);

    expect(await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'on' })).toMatchObject({
      ok: true,
    });
    expect((await load(id)).enabled).toBe(true);
    const actions = (
      await (await db()).auditEvent.findMany({ where: { organizationId: org.id, targetId: id }, orderBy: { occurredAt: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual(['sso.connection_created', 'sso.connection_configured', 'sso.connection_enabled']);
  });

  it('bad SAML input gets field errors and changes nothing: an unverified domain, a private key, a wrong protocol', async () => {
    const { org, verified, pending } = await organizationWithDomains();
    const id = await createConnection(org.id, 'okta', 'saml');
    const before = await load(id);
    const unverified = await configureSamlConnectionCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      ...samlSettings(pending.id),
    });
    expect(unverified).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!unverified.ok) expect(unverified.fieldErrors?.domainIds?.[0]).toContain('verified');
    const key = await configureSamlConnectionCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      ...samlSettings(verified.id),
      certificates: ['-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----'],
    });
    if (!key.ok) expect(key.fieldErrors?.certificates?.[0]).toContain('Certificate 1: That is a private key');
    expect(key.ok).toBe(false);
    const skew = await configureSamlConnectionCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      ...samlSettings(verified.id),
      clockSkewSeconds: '900',
    });
    if (!skew.ok) expect(skew.fieldErrors?.clockSkewSeconds?.[0]).toContain('600');
    expect(skew.ok).toBe(false);
    expect(await load(id)).toEqual(before);

    const oidc = await createConnection(org.id, 'generic_oidc', 'oidc');
    expect(
      await configureSamlConnectionCommand(builder, { organizationId: org.id, connectionId: oidc, ...samlSettings(verified.id) }),
    ).toMatchObject({
      ok: false,
      code: 'wrong_protocol',
    });
    expect(
      await createSsoConnectionCommand(builder, { organizationId: org.id, name: 'x', provider: 'generic_saml', protocol: 'oidc' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
  });

  it('an OIDC client secret is sealed, never audited, and kept when left blank; multi-tenant Entra issuers are refused', async () => {
    const { org, verified } = await organizationWithDomains();
    const id = await createConnection(org.id, 'entra', 'oidc', 'Entra OIDC');
    const settings = {
      organizationId: org.id,
      connectionId: id,
      name: 'Entra OIDC',
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      clientId: 'client-123',
      clientSecret: 'sekrit-value-9',
      emailAttribute: 'email',
      firstNameAttribute: 'given_name',
      lastNameAttribute: 'family_name',
      groupsAttribute: 'groups',
      domainIds: [verified.id],
    };
    const common = await configureOidcConnectionCommand(builder, { ...settings, issuer: 'https://login.microsoftonline.com/common/v2.0' });
    if (!common.ok) expect(common.fieldErrors?.issuer?.[0]).toContain('multi-tenant');
    expect(common.ok).toBe(false);
    const noSecret = await configureOidcConnectionCommand(builder, { ...settings, clientSecret: '' });
    if (!noSecret.ok) expect(noSecret.fieldErrors?.clientSecret).toEqual(['Enter the client secret.']);
    expect(noSecret.ok).toBe(false);

    expect(await configureOidcConnectionCommand(builder, settings)).toMatchObject({ ok: true });
    const sealed = (await load(id)).clientSecretSealed!;
    expect(sealed).not.toContain('sekrit');
    expect(unseal(sealed, getConfig().authSecret, 'ssoSecret')).toBe('sekrit-value-9');
    // Saved again with the secret left blank: the stored one stays.
    expect(await configureOidcConnectionCommand(builder, { ...settings, clientId: 'client-456', clientSecret: '' })).toMatchObject({
      ok: true,
    });
    expect((await load(id)).clientSecretSealed).toBe(sealed);
    const events = await (await db()).auditEvent.findMany({
      where: { organizationId: org.id, targetId: id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(JSON.stringify(events)).not.toContain('sekrit');
    expect(events.map((e) => (e.summary as { clientSecret?: string }).clientSecret).filter(Boolean)).toEqual(['replaced', 'kept']);
  });

  it('an enabled connection feeds the state: its expired certificate makes the organization need attention', async () => {
    const { org, verified } = await organizationWithDomains();
    const id = await createConnection(org.id, 'generic_saml', 'saml', 'Legacy IdP');
    expect(
      await configureSamlConnectionCommand(builder, {
        organizationId: org.id,
        connectionId: id,
        ...samlSettings(verified.id),
        name: 'Legacy IdP',
      }),
    ).toMatchObject({
      ok: true,
    });
    const client = await db();
    await client.ssoCertificate.updateMany({
      where: { connectionId: id },
      data: { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') },
    });
    // Disabled, it is not a reason; enabled, it is.
    expect(await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'off' })).toMatchObject({
      ok: true,
    });
    expect((await client.organization.findUniqueOrThrow({ where: { id: org.id } })).state).toBe('setup');
    expect(await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'on' })).toMatchObject({
      ok: true,
    });
    const after = await client.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.state).toBe('needs_attention');
    expect(after.stateReasons).toEqual([{ code: 'sso_certificate_expired', expiredAt: '2021-01-01T00:00:00.000Z' }]);
  });

  it('deleting asks for the exact name', async () => {
    const { org } = await organizationWithDomains();
    const id = await createConnection(org.id, 'okta', 'oidc', 'Okta OIDC');
    expect(await deleteSsoConnectionCommand(builder, { organizationId: org.id, connectionId: id, confirmName: 'Okta' })).toMatchObject({
      ok: false,
      code: 'confirm_mismatch',
    });
    expect(await deleteSsoConnectionCommand(builder, { organizationId: org.id, connectionId: id, confirmName: 'Okta OIDC' })).toMatchObject(
      { ok: true },
    );
    expect(await (await db()).ssoConnection.count({ where: { id } })).toBe(0);
  });
});

describe('every SSO action is scoped to its organization', () => {
  it('another organization’s connection answers not found to every action, and changes nothing', async () => {
    const { org: theirs, verified } = await organizationWithDomains();
    const mine = await createTestOrganization();
    const id = await createConnection(theirs.id, 'okta', 'saml');
    const before = await load(id);
    const ref = { organizationId: mine.id, connectionId: id };
    for (const result of [
      await configureSamlConnectionCommand(builder, { ...ref, ...samlSettings(verified.id) }),
      await setSsoConnectionEnabledCommand(builder, { ...ref, enabled: 'on' }),
      await deleteSsoConnectionCommand(builder, { ...ref, confirmName: before.name }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'not_found' });
    }
    // A member of my organization, even an owner, can't reach theirs by naming it either.
    const owner = await memberOf(mine.id, 'owner');
    expect(await setSsoConnectionEnabledCommand(owner, { organizationId: theirs.id, connectionId: id, enabled: 'on' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await load(id)).toEqual(before);

    // Their OIDC connection can't be configured from mine, and no connection can be created in theirs.
    const oidc = await createConnection(theirs.id, 'generic_oidc', 'oidc');
    const oidcBefore = await load(oidc);
    expect(
      await configureOidcConnectionCommand(builder, {
        organizationId: mine.id,
        connectionId: oidc,
        name: 'Taken over',
        issuer: 'https://idp.example.com',
        clientId: 'client',
        clientSecret: 'secret-value',
        emailAttribute: 'email',
        firstNameAttribute: 'given_name',
        lastNameAttribute: 'family_name',
        groupsAttribute: 'groups',
        domainIds: [],
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await load(oidc)).toEqual(oidcBefore);
    const count = await (await db()).ssoConnection.count({ where: { organizationId: theirs.id } });
    expect(
      await createSsoConnectionCommand(owner, { organizationId: theirs.id, name: 'Mine now', provider: 'okta', protocol: 'saml' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await (await db()).ssoConnection.count({ where: { organizationId: theirs.id } })).toBe(count);
  });

  it('a member without sso.manage is refused, and a domain of another organization can’t be attached', async () => {
    const { org } = await organizationWithDomains();
    const { verified: foreign } = await organizationWithDomains();
    const id = await createConnection(org.id, 'okta', 'saml');
    const member = await memberOf(org.id, 'member');
    expect(
      await createSsoConnectionCommand(member, { organizationId: org.id, name: 'x', provider: 'okta', protocol: 'saml' }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const foreignDomain = await configureSamlConnectionCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      ...samlSettings(foreign.id),
    });
    if (!foreignDomain.ok) expect(foreignDomain.fieldErrors?.domainIds).toEqual(['Choose among this organization’s domains.']);
    expect(foreignDomain.ok).toBe(false);
    expect((await load(id)).domains).toEqual([]);
  });
});
