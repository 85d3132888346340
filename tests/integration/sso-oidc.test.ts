import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeRedirect } from '@/app/api/sso/outcome';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { signInChoices } from '@/lib/oidc/accounts';
import {
  configureOidcConnectionCommand,
  createSsoConnectionCommand,
  setSsoConnectionEnabledCommand,
  startSsoTestCommand,
} from '@/lib/sso/commands';
import { completeOidcCallback, startSsoSignIn } from '@/lib/sso/flow';
import { ssoConnectionForEmail } from '@/lib/sso/routing';
import { builder, createTestOrganization, memberOf, uniqueDomain } from '../factories';
import { startTestOp, type TestOp } from '../support/oidc-op';

const request = { ip: null, requestId: null };
let op: TestOp;
beforeAll(async () => {
  op = await startTestOp();
  process.env.OUTBOUND_ALLOW_ORIGINS = op.issuer;
  resetConfig();
});
afterAll(async () => {
  await op.close();
  delete process.env.OUTBOUND_ALLOW_ORIGINS;
  resetConfig();
});

async function oidcConnection(options: { enable?: boolean; secret?: string } = {}) {
  const org = await createTestOrganization();
  const domainName = uniqueDomain('oidc');
  const domain = await (await db()).$transaction((tx) => addDomain(tx, org.id, domainName, { status: 'verified' }));
  const created = await createSsoConnectionCommand(builder, {
    organizationId: org.id,
    name: 'Contractors',
    provider: 'generic_oidc',
    protocol: 'oidc',
  });
  if (!created.ok) throw new Error(created.message);
  const id = created.data.id;
  const configured = await configureOidcConnectionCommand(builder, {
    organizationId: org.id,
    connectionId: id,
    name: 'Contractors',
    issuer: op.issuer,
    clientId: op.clientId,
    clientSecret: options.secret ?? op.clientSecret,
    emailAttribute: 'email',
    firstNameAttribute: 'given_name',
    lastNameAttribute: 'family_name',
    groupsAttribute: 'groups',
    domainIds: [domain.id],
  });
  if (!configured.ok) throw new Error(configured.message);
  if (options.enable !== false) {
    const enabled = await setSsoConnectionEnabledCommand(builder, { organizationId: org.id, connectionId: id, enabled: 'on' });
    if (!enabled.ok) throw new Error(enabled.message);
  }
  return { org, id, domainName, configured: configured.data };
}

/** The browser's part: open the authorization URL at the test provider and come back with its answer. */
async function throughProvider(url: string): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`no redirect from the provider (${response.status})`);
  return new URL(location).searchParams;
}

async function signIn(connectionId: string, purpose: 'test' | 'sign_in', email?: string) {
  const client = await db();
  const started = await startSsoSignIn(client, connectionId, purpose, new Date(), email ?? null);
  if (!started.ok) throw new Error(started.message);
  const answer = await throughProvider(started.data);
  return { answer, outcome: await completeOidcCallback(client, connectionId, answer, new Date(), request), url: new URL(started.data) };
}

describe('an OpenID Connect connection', () => {
  it('reads discovery when saved, tests to success with PKCE S256, state and nonce, and creates no member', async () => {
    op.person = { sub: 'op-tess', email: 'tess@example.com', given_name: 'Tess', family_name: 'Ter', groups: ['eng'] };
    op.tamper = {};
    const setup = await oidcConnection({ enable: false });
    expect(setup.configured).toMatchObject({ discovery: 'fetched' });
    const client = await db();
    const saved = await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    expect((saved.discovery as { token_endpoint: string }).token_endpoint).toBe(`${op.issuer}/token`);

    const started = await startSsoTestCommand(builder, { organizationId: setup.org.id, connectionId: setup.id });
    if (!started.ok) throw new Error(started.message);
    const url = new URL(started.data.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const outcome = await completeOidcCallback(client, setup.id, await throughProvider(url.href), new Date(), request);
    expect(outcome).toMatchObject({ kind: 'test' });
    const connection = await client.ssoConnection.findUniqueOrThrow({ where: { id: setup.id } });
    const attempt = await client.ssoSignInAttempt.findUniqueOrThrow({ where: { id: connection.lastTestAttemptId! } });
    expect(attempt).toMatchObject({ outcome: 'success', subject: 'op-tess', email: 'tess@example.com' });
    expect(attempt.detail).toMatchObject({ firstName: 'Tess', lastName: 'Ter', groups: ['eng'], issuer: op.issuer });
    // The provider's keys are kept for the next sign-in.
    expect(connection.jwksCache).not.toBeNull();
    expect(await client.membership.count({ where: { organizationId: setup.org.id } })).toBe(0);
  });

  it('routes an address at its domain, and a new person joins just in time as a Member through SSO', async () => {
    const setup = await oidcConnection();
    const email = `newcomer@${setup.domainName}`;
    op.person = { sub: `op-${setup.id}`, email, given_name: 'New', family_name: 'Comer' };
    op.tamper = {};
    const client = await db();
    expect((await ssoConnectionForEmail(client, email))?.id).toBe(setup.id);
    const { outcome, url } = await signIn(setup.id, 'sign_in', email);
    expect(url.searchParams.get('login_hint')).toBe(email);
    expect(outcome.kind).toBe('signed_in');
    const user = await client.user.findUniqueOrThrow({ where: { email } });
    const membership = await client.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: setup.org.id, userId: user.id } },
    });
    expect(membership).toMatchObject({ role: 'member', joinedVia: 'sso' });
  });

  it('refuses each tampered answer with its own code, and creates no member', async () => {
    const setup = await oidcConnection();
    op.person = { sub: 'op-mallory', email: `mallory@${setup.domainName}` };
    const now = Math.floor(Date.now() / 1000);
    const cases: [TestOp['tamper'], string][] = [
      [{ idToken: { aud: 'someone-else' } }, 'oidc_audience'],
      [{ idToken: { iss: 'https://evil.example' } }, 'oidc_issuer'],
      [{ idToken: { exp: now - 3600, iat: now - 7200 } }, 'oidc_expired'],
      [{ idToken: { nonce: 'not-the-nonce' } }, 'oidc_nonce'],
      [{ idToken: { azp: 'another-client' } }, 'oidc_authorized_party'],
      [{ foreignKey: true }, 'oidc_signature'],
      [{ userinfoSub: 'someone-else' }, 'oidc_userinfo_subject'],
      [{ issParameter: 'https://evil.example' }, 'oidc_iss_parameter'],
    ];
    for (const [tamper, code] of cases) {
      op.tamper = tamper;
      const { outcome } = await signIn(setup.id, 'sign_in');
      expect(outcome, code).toMatchObject({ kind: 'refused', code });
    }
    op.tamper = {};
    op.person = { sub: 'op-unverified', email: `unverified@${setup.domainName}`, email_verified: false };
    expect((await signIn(setup.id, 'sign_in')).outcome).toMatchObject({ code: 'oidc_email_unverified' });
    const client = await db();
    expect(await client.membership.count({ where: { organizationId: setup.org.id } })).toBe(0);
    const audience = await client.ssoSignInAttempt.findFirstOrThrow({ where: { connectionId: setup.id, outcome: 'oidc_audience' } });
    expect(audience.detail).toMatchObject({ expected: op.clientId, received: 'someone-else' });
  });

  it('an answer is used once; a wrong client secret is refused by the provider and explained', async () => {
    op.tamper = {};
    const setup = await oidcConnection();
    op.person = { sub: 'op-replay', email: `replay@${setup.domainName}` };
    const client = await db();
    const { answer, outcome } = await signIn(setup.id, 'sign_in');
    expect(outcome.kind).toBe('signed_in');
    expect(await completeOidcCallback(client, setup.id, answer, new Date(), request)).toMatchObject({ code: 'oidc_state' });
    expect(await completeOidcCallback(client, setup.id, new URLSearchParams({ code: 'x' }), new Date(), request)).toMatchObject({
      code: 'oidc_state',
    });

    const wrong = await oidcConnection({ secret: 'not-the-secret' });
    expect((await signIn(wrong.id, 'sign_in')).outcome).toMatchObject({ kind: 'refused', code: 'oidc_token' });
  });

  it('discovery that isn’t allow-listed or doesn’t answer is reported, and the connection can’t be enabled', async () => {
    delete process.env.OUTBOUND_ALLOW_ORIGINS;
    resetConfig();
    try {
      const org = await createTestOrganization();
      const domain = await (await db()).$transaction((tx) => addDomain(tx, org.id, uniqueDomain('nodisc'), { status: 'verified' }));
      const created = await createSsoConnectionCommand(builder, {
        organizationId: org.id,
        name: 'Local',
        provider: 'generic_oidc',
        protocol: 'oidc',
      });
      if (!created.ok) throw new Error(created.message);
      const saved = await configureOidcConnectionCommand(builder, {
        organizationId: org.id,
        connectionId: created.data.id,
        name: 'Local',
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        emailAttribute: 'email',
        firstNameAttribute: 'given_name',
        lastNameAttribute: 'family_name',
        groupsAttribute: 'groups',
        domainIds: [domain.id],
      });
      expect(saved).toMatchObject({ ok: true, data: { discovery: 'failed' } });
      if (saved.ok) expect(saved.data.message).toMatch(/only https:\/\/ addresses/);
      const enable = await setSsoConnectionEnabledCommand(builder, {
        organizationId: org.id,
        connectionId: created.data.id,
        enabled: 'on',
      });
      expect(enable).toMatchObject({ ok: false, code: 'sso_incomplete' });
      if (!enable.ok) expect(enable.message).toMatch(/discovery document/);
    } finally {
      process.env.OUTBOUND_ALLOW_ORIGINS = op.issuer;
      resetConfig();
    }
  });

  it('another organization’s OIDC connection can’t be tested from mine', async () => {
    const theirs = await oidcConnection();
    const mine = await createTestOrganization();
    const owner = await memberOf(mine.id, 'owner');
    expect(await startSsoTestCommand(owner, { organizationId: mine.id, connectionId: theirs.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await (await db()).ssoRequest.count({ where: { connectionId: theirs.id } })).toBe(0);
  });
});

describe('signing in to an application through SSO', () => {
  it('brings the person back to the application’s sign-in page they started from, signed in', async () => {
    const setup = await oidcConnection();
    const email = `app-user@${setup.domainName}`;
    op.person = { sub: `op-app-${setup.id}`, email, given_name: 'App', family_name: 'User' };
    op.tamper = {};
    const client = await db();
    const returnTo = '/account/authorize/abcdefghij0123456789';
    const started = await startSsoSignIn(client, setup.id, 'sign_in', new Date(), email, returnTo);
    if (!started.ok) throw new Error(started.message);
    const outcome = await completeOidcCallback(client, setup.id, await throughProvider(started.data), new Date(), request);
    expect(outcome).toMatchObject({ kind: 'signed_in', returnTo });
    const landing = new URL(outcomeRedirect(outcome, 'http://orgdesk.test:3000').headers.get('location')!);
    expect(landing.searchParams.get('next')).toBe(returnTo);
    // The person is a member now, so the sign-in page offers their organization.
    const user = await client.user.findUniqueOrThrow({ where: { email } });
    expect((await signInChoices(client, user.id)).map((choice) => choice.organization.id)).toEqual([setup.org.id]);
  });
});
