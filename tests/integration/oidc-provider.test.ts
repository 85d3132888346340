import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyCommand } from '@/lib/api-keys/commands';
import { createSession, sessionCookieName } from '@/lib/auth/member-session';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addMemberCommand, suspendMemberCommand } from '@/lib/members/commands';
import { signInChoices } from '@/lib/oidc/accounts';
import { clientMetadata } from '@/lib/oidc/clients';
import {
  createApplicationCommand,
  deleteApplicationCommand,
  rotateApplicationSecretCommand,
  rotateSigningKeyCommand,
  updateApplicationCommand,
} from '@/lib/oidc/commands';
import { finishSignIn, signInRequest } from '@/lib/oidc/interaction';
import { ensureSigningKey } from '@/lib/oidc/keys';
import { serveOidc } from '@/lib/oidc/serve';
import { reactivateOrganizationCommand, suspendOrganizationCommand } from '@/lib/organizations/commands';
import { builder, createTestOrganization, memberOf, uniqueEmail } from '../factories';

/**
 * Orgdesk's OpenID provider over real HTTP (the route's handler behind a loopback server), driven
 * by openid-client as the builder's app would: discovery, authorization code with PKCE, the
 * sign-in page's answer, the code exchange, userinfo, refresh, and what a suspension stops.
 */
let server: http.Server;
let appUrl: string;
const REDIRECT = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await serveOidc(new Request(`${appUrl}${req.url}`, { method: req.method, headers, body }));
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out['set-cookie'] = cookies;
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  resetConfig();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A browser's cookies, as far as these redirects need them. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  has(name: string) {
    return this.cookies.has(name);
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  async get(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.header() } });
    this.take(response);
    return response;
  }
}

/** The end-session page's form sent with "Yes, sign me out" (its xsrf from the page). */
async function confirmSignOut(jar: Jar, html: string): Promise<Response> {
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  expect(xsrf).toBeTruthy();
  return fetch(`${appUrl}/oidc/session/end/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
  });
}

async function registerApp(name = 'Test app') {
  const created = await createApplicationCommand(builder, {
    name,
    redirectUris: REDIRECT,
    postLogoutRedirectUris: 'http://127.0.0.1:9/bye',
  });
  if (!created.ok) throw new Error(created.message);
  const config = await client.discovery(new URL(`${appUrl}/oidc`), created.data.clientId, created.data.clientSecret, undefined, {
    execute: [client.allowInsecureRequests],
  });
  return { ...created.data, config };
}

async function newMember(organizationId: string, role = 'admin', email = uniqueEmail('person')) {
  const added = await addMemberCommand(builder, { organizationId, email, role });
  if (!added.ok) throw new Error(added.message);
  return added.data;
}

/** The app starts a sign-in; the person answers on the sign-in page as `membershipId`; the app gets its callback. */
async function signIn(
  app: Awaited<ReturnType<typeof registerApp>>,
  jar: Jar,
  membershipId: string | null,
  extra: Record<string, string> = {},
) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(app.config, {
    redirect_uri: REDIRECT,
    scope: 'openid email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    ...extra,
  });
  let response = await jar.get(url.href);
  expect(response.status).toBe(303);
  let location = new URL(response.headers.get('location')!, appUrl);
  const interactive = location.pathname.startsWith('/account/authorize/');
  if (interactive) {
    const uid = location.pathname.split('/').pop()!;
    const request = await signInRequest(uid, jar.header());
    expect(request).toMatchObject({ application: 'Test app', organization: extra.organization });
    if (!membershipId) return { page: request, location };
    const returnTo = await finishSignIn(uid, jar.header(), { membershipId });
    response = await jar.get(returnTo!);
    location = new URL(response.headers.get('location')!, appUrl);
  }
  return { location, verifier, state, interactive };
}

async function exchange(app: Awaited<ReturnType<typeof registerApp>>, callback: { location: URL; verifier?: string; state?: string }) {
  return client.authorizationCodeGrant(app.config, callback.location, {
    pkceCodeVerifier: callback.verifier,
    expectedState: callback.state,
  });
}

describe('Orgdesk as an OpenID provider', () => {
  it('serves discovery and a JWKS with the signing key', async () => {
    const discovery = (await (await fetch(`${appUrl}/oidc/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(`${appUrl}/oidc`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.grant_types_supported).not.toContain('implicit');
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['org_id', 'org_slug', 'role', 'permissions', 'email']));
    const jwks = (await (await fetch(`${appUrl}/oidc/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
    const stored = await (await db()).oidcSigningKey.findFirstOrThrow({ where: { retiredAt: null } });
    expect(stored.privateJwk).toMatch(/^v1\./);
    expect(stored.privateJwk).not.toContain('"d"');
    // Several instances starting at once still make one active key.
    const store = await db();
    await Promise.all([ensureSigningKey(store, new Date()), ensureSigningKey(store, new Date())]);
    expect(await store.oidcSigningKey.count({ where: { retiredAt: null } })).toBe(1);
  });

  it('signs a member in: the ID token and userinfo carry the organization, role and permissions; the sign-in is activity', async () => {
    const organization = await createTestOrganization();
    const app = await registerApp();
    const member = await newMember(organization.id, 'member');
    const callback = await signIn(app, new Jar(), member.membershipId);
    expect(callback.location.origin + callback.location.pathname).toBe(REDIRECT);
    const tokens = await exchange(app, callback);
    const claims = tokens.claims()!;
    const expectedPermissions = (await memberOf(organization.id, 'member', member)).permissions;
    expect(claims).toMatchObject({
      sub: member.userId,
      email: member.email,
      org_id: organization.id,
      org_slug: organization.slug,
      role: 'member',
    });
    expect([...(claims.permissions as string[])].sort()).toEqual([...expectedPermissions].sort());
    const userinfo = await client.fetchUserInfo(app.config, tokens.access_token, member.userId);
    expect(userinfo).toMatchObject({ org_id: organization.id, role: 'member', email: member.email });

    const store = await db();
    const activity = await store.endUserActivity.findMany({ where: { organizationId: organization.id, kind: 'app_sign_in' } });
    expect(activity).toHaveLength(1);
    expect(activity[0]!.actorEmail).toBe(member.email);
    expect((await store.application.findUniqueOrThrow({ where: { id: app.id } })).lastSignInAt).not.toBeNull();
    expect(await store.auditEvent.count({ where: { organizationId: organization.id, action: 'application.signed_in' } })).toBe(1);
    // An end user's sign-in: the organization is Active now.
    expect((await store.organization.findUniqueOrThrow({ where: { id: organization.id } })).state).toBe('active');
    // A code works once.
    await expect(exchange(app, callback)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses tokens to a suspended member at once, refresh tokens and userinfo included', async () => {
    const organization = await createTestOrganization();
    const app = await registerApp();
    const member = await newMember(organization.id, 'member');
    const tokens = await exchange(app, await signIn(app, new Jar(), member.membershipId));
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(app.config, tokens.refresh_token!);
    expect(refreshed.claims()?.org_id).toBe(organization.id);

    expect((await suspendMemberCommand(builder, { organizationId: organization.id, membershipId: member.membershipId })).ok).toBe(true);
    await expect(client.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.fetchUserInfo(app.config, refreshed.access_token, member.userId)).rejects.toThrow();
    // The sign-in page doesn't offer it, and a sign-in as that membership is refused.
    expect((await signInChoices(await db(), member.userId)).map((choice) => choice.id)).not.toContain(member.membershipId);
    const again = await signIn(app, new Jar(), member.membershipId);
    expect(again.location.searchParams.get('code')).toBeNull();
    expect(again.location.searchParams.get('error')).toBe('access_denied');
  });

  it('refuses tokens to members of a suspended organization, and records no activity for it', async () => {
    const organization = await createTestOrganization();
    const app = await registerApp();
    const member = await newMember(organization.id, 'admin');
    const tokens = await exchange(app, await signIn(app, new Jar(), member.membershipId));
    expect((await suspendOrganizationCommand(builder, { organizationId: organization.id })).ok).toBe(true);
    await expect(client.refreshTokenGrant(app.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await reactivateOrganizationCommand(builder, { organizationId: organization.id })).ok).toBe(true);
    const after = await exchange(app, await signIn(app, new Jar(), member.membershipId));
    expect(after.claims()?.org_id).toBe(organization.id);
  });

  it('asks again when the app requests another organization; a session in the right one signs in silently', async () => {
    const [first, second] = await Promise.all([createTestOrganization(), createTestOrganization()]);
    const app = await registerApp();
    const email = uniqueEmail('multi');
    const inFirst = await newMember(first.id, 'member', email);
    await newMember(second.id, 'member', email);
    const jar = new Jar();
    await exchange(app, await signIn(app, jar, inFirst.membershipId));
    // Same organization, no prompt: straight back with a code.
    const silent = await signIn(app, jar, null, { organization: first.slug, prompt: '' });
    expect(silent.location.searchParams.get('code')).toBeTruthy();
    // Another organization: the sign-in page, told which one the app wants; the same person, in it.
    const inSecond = (await signInChoices(await db(), inFirst.userId)).find((choice) => choice.organization.id === second.id)!;
    const asked = await signIn(app, jar, inSecond.id, { organization: second.id, prompt: '' });
    expect(asked.interactive).toBe(true);
    const switched = (await exchange(app, asked)).claims()!;
    expect(switched).toMatchObject({ sub: inFirst.userId, org_id: second.id, org_slug: second.slug });
    // Another application in the same browser: the sign-in page, to choose for it.
    const other = await registerApp();
    expect((await signIn(other, jar, null, { prompt: '' })).location.pathname).toMatch(/^\/account\/authorize\//);
  });

  it('checks the client secret by its hash; a rotated one works through its overlap', async () => {
    const app = await registerApp();
    const stored = await (await db()).application.findUniqueOrThrow({ where: { id: app.id } });
    expect(stored.secretHash).not.toContain(app.clientSecret);
    expect(JSON.stringify(stored)).not.toContain(app.clientSecret);
    const wrong = await client.discovery(new URL(`${appUrl}/oidc`), app.clientId, 'ods_wrong', undefined, {
      execute: [client.allowInsecureRequests],
    });
    const organization = await createTestOrganization();
    const member = await newMember(organization.id);
    await expect(exchange({ ...app, config: wrong }, await signIn(app, new Jar(), member.membershipId))).rejects.toMatchObject({
      error: 'invalid_client',
    });

    const rotated = await rotateApplicationSecretCommand(builder, { applicationId: app.id });
    if (!rotated.ok) throw new Error(rotated.message);
    const fresh = await client.discovery(new URL(`${appUrl}/oidc`), app.clientId, rotated.data.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    expect((await exchange({ ...app, config: fresh }, await signIn(app, new Jar(), member.membershipId))).claims()?.sub).toBe(
      member.userId,
    );
    // The old secret still works during the overlap.
    expect((await exchange(app, await signIn(app, new Jar(), member.membershipId))).claims()?.sub).toBe(member.userId);
    const metadata = await clientMetadata(await db(), app.clientId);
    expect(metadata?.previous_secret_expires_at).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
  });

  it('rotates the signing key: new tokens use the new key, the old one stays published', async () => {
    const before = (await (await fetch(`${appUrl}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
    const rotated = await rotateSigningKeyCommand(builder, {});
    if (!rotated.ok) throw new Error(rotated.message);
    const after = (await (await fetch(`${appUrl}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
    expect(after.keys[0]!.kid).toBe(rotated.data.kid);
    expect(after.keys.map((key) => key.kid)).toEqual(expect.arrayContaining(before.keys.map((key) => key.kid)));
    const app = await registerApp();
    const organization = await createTestOrganization();
    const member = await newMember(organization.id);
    const tokens = await exchange(app, await signIn(app, new Jar(), member.membershipId));
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(rotated.data.kid);
    expect(await (await db()).auditEvent.count({ where: { action: 'oidc.signing_key_rotated', targetId: rotated.data.kid } })).toBe(1);
  });

  it('ends the session through the end-session endpoint, back to a registered address', async () => {
    const app = await registerApp();
    const organization = await createTestOrganization();
    const member = await newMember(organization.id);
    const jar = new Jar();
    // The person's Orgdesk session in this browser (the sign-in page's), and another person's elsewhere.
    const store = await db();
    const own = await createSession(store, member.userId, new Date());
    const other = await createSession(store, (await newMember(organization.id)).userId, new Date());
    jar.set(sessionCookieName(appUrl), own.sessionToken);
    const tokens = await exchange(app, await signIn(app, jar, member.membershipId));
    const url = client.buildEndSessionUrl(app.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://127.0.0.1:9/bye',
    });
    const page = await jar.get(url.href);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sign out?');
    const confirmed = await confirmSignOut(jar, html);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('http://127.0.0.1:9/bye');
    jar.take(confirmed);
    // Signed out of Orgdesk too, as the page said: the session is gone and its cookie expired.
    expect(await store.session.count({ where: { sessionToken: own.sessionToken } })).toBe(0);
    expect(jar.has(sessionCookieName(appUrl))).toBe(false);
    expect(await store.session.count({ where: { sessionToken: other.sessionToken } })).toBe(1);
    // Signed out: the next sign-in goes to the sign-in page again.
    const next = await signIn(app, jar, null, { prompt: '' });
    expect(next.location.pathname).toMatch(/^\/account\/authorize\//);
  });

  it('leaves Orgdesk sessions alone when the provider signs out nobody (no page was confirmed)', async () => {
    const app = await registerApp();
    const organization = await createTestOrganization();
    const member = await newMember(organization.id);
    const store = await db();
    const session = await createSession(store, member.userId, new Date());
    // A browser with an Orgdesk session but no sign-in at the provider: another site sends it to
    // the end-session endpoint, which signs out without asking (an auto-submitting form).
    const jar = new Jar();
    jar.set(sessionCookieName(appUrl), session.sessionToken);
    const page = await jar.get(`${appUrl}/oidc/session/end?client_id=${app.clientId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('Sign out?');
    const confirmed = await confirmSignOut(jar, html);
    expect(confirmed.status).toBe(303);
    jar.take(confirmed);
    expect(await store.session.count({ where: { sessionToken: session.sessionToken } })).toBe(1);
    expect(jar.has(sessionCookieName(appUrl))).toBe(true);
  });
});

describe('applications in the console', () => {
  it('refuses bad addresses with field errors and creates nothing', async () => {
    const store = await db();
    const count = await store.application.count();
    const refused = await createApplicationCommand(builder, {
      name: '',
      redirectUris: 'http://app.example.com/callback\nnot a url\nhttps://app.example.com/cb#frag',
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input' });
    if (refused.ok) return;
    expect(refused.fieldErrors?.name?.[0]).toMatch(/Name the application/);
    expect(refused.fieldErrors?.redirectUris?.join(' ')).toMatch(/must start with https/);
    expect(refused.fieldErrors?.redirectUris?.join(' ')).toMatch(/isn’t a full address/);
    expect(refused.fieldErrors?.redirectUris?.join(' ')).toMatch(/#fragment/);
    expect(refused.values?.redirectUris).toContain('not a url');
    expect(await store.application.count()).toBe(count);
  });

  it('changes addresses with an audit event, and deleting drops the application’s tokens', async () => {
    const app = await registerApp();
    const changed = await updateApplicationCommand(builder, {
      applicationId: app.id,
      name: 'Renamed app',
      redirectUris: `${REDIRECT}\nhttps://app.example.com/callback`,
    });
    expect(changed).toMatchObject({ ok: true, data: { changed: true } });
    const store = await db();
    const event = await store.auditEvent.findFirstOrThrow({ where: { action: 'application.updated', targetId: app.id } });
    expect(event.summary).toMatchObject({ name: { before: 'Test app', after: 'Renamed app' } });
    const organization = await createTestOrganization();
    const member = await newMember(organization.id);
    const renamed = { ...app };
    await store.application.update({ where: { id: app.id }, data: { name: 'Test app' } });
    const tokens = await exchange(renamed, await signIn(app, new Jar(), member.membershipId));
    expect(await store.oidcPayload.count({ where: { payload: { path: ['clientId'], equals: app.clientId } } })).toBeGreaterThan(0);
    expect((await deleteApplicationCommand(builder, { applicationId: app.id })).ok).toBe(true);
    expect(await store.oidcPayload.count({ where: { payload: { path: ['clientId'], equals: app.clientId } } })).toBe(0);
    await expect(client.refreshTokenGrant(app.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('is the console’s own: members and API keys can’t manage applications', async () => {
    const organization = await createTestOrganization();
    const owner = await memberOf(organization.id, 'owner');
    expect(await createApplicationCommand(owner, { name: 'Sneaky', redirectUris: REDIRECT })).toMatchObject({ code: 'forbidden' });
    expect(await createApiKeyCommand(builder, { name: 'Apps', scopes: ['applications.manage'] })).toMatchObject({ code: 'invalid_input' });
    const app = await registerApp();
    const viewer = { ...builder, role: 'viewer' as const };
    expect(await deleteApplicationCommand(viewer, { applicationId: app.id })).toMatchObject({ code: 'forbidden' });
    expect(await deleteApplicationCommand(builder, { applicationId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      code: 'not_found',
    });
    expect(await (await db()).application.count({ where: { id: app.id } })).toBe(1);
  });
});
