import { describe, expect, it } from 'vitest';
import { outcomeRedirect } from '@/app/api/sso/outcome';
import { memberReturnPath } from '@/lib/auth/links';
import { contentSecurityPolicy, formsLeaveSite, hasOwnPolicy } from '@/lib/http/csp';
import { matchesRequestedOrganization } from '@/lib/oidc/accounts';
import { collectedResponse, runNodeHandler } from '@/lib/oidc/bridge';
import { errorPage, signOutPage } from '@/lib/oidc/pages';
import { createApplicationSchema, redirectUriProblem } from '@/lib/oidc/schemas';
import { CLIENT_SECRET_PREFIX, clientSecretMatches, newClientId, newClientSecret } from '@/lib/oidc/secrets';

describe('redirect URIs', () => {
  it('take https, http only on loopback, and no fragment', () => {
    expect(redirectUriProblem('https://app.example.com/auth/callback')).toBeNull();
    expect(redirectUriProblem('http://localhost:3000/callback')).toBeNull();
    expect(redirectUriProblem('http://127.0.0.1:8080/cb')).toBeNull();
    expect(redirectUriProblem('http://app.example.com/callback')).toMatch(/must start with https/);
    expect(redirectUriProblem('https://app.example.com/cb#x')).toMatch(/fragment/);
    expect(redirectUriProblem('app.example.com/cb')).toMatch(/isn’t a full address/);
    expect(redirectUriProblem('javascript:alert(1)')).toMatch(/must start with https/);
  });

  it('come one per line: blanks dropped, duplicates folded, at least one', () => {
    const parsed = createApplicationSchema.parse({
      name: ' App ',
      redirectUris: 'https://a.example/cb\n\n https://a.example/cb \r\nhttps://b.example/cb',
    });
    expect(parsed).toEqual({ name: 'App', redirectUris: ['https://a.example/cb', 'https://b.example/cb'], postLogoutRedirectUris: [] });
    const empty = createApplicationSchema.safeParse({ name: 'App', redirectUris: '\n  \n' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toMatch(/at least one redirect URI/);
  });
});

describe('client secrets', () => {
  it('are compared by hash: the current one, or the previous one until its overlap ends', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const current = newClientSecret();
    const previous = newClientSecret();
    expect(current.secret.startsWith(CLIENT_SECRET_PREFIX)).toBe(true);
    expect(current.hash).not.toContain(current.secret);
    expect(current.prefix).toBe(current.secret.slice(0, 12));
    const stored = { secretHash: current.hash, previousSecretHash: previous.hash, previousSecretExpiresAt: new Date(now.getTime() + 1000) };
    expect(clientSecretMatches(current.secret, stored, now)).toBe(true);
    expect(clientSecretMatches(previous.secret, stored, now)).toBe(true);
    expect(clientSecretMatches(previous.secret, stored, new Date(now.getTime() + 1000))).toBe(false);
    expect(clientSecretMatches('ods_guess', stored, now)).toBe(false);
    expect(clientSecretMatches(previous.secret, { ...stored, previousSecretHash: null, previousSecretExpiresAt: null }, now)).toBe(false);
    expect(newClientId()).toMatch(/^oda_[0-9a-f]{32}$/);
  });
});

describe('the organization an application asks for', () => {
  it('matches by id or slug; none asked matches any', () => {
    const organization = { id: '6f1c2a7e-0000-4000-8000-000000000001', slug: 'acme' };
    expect(matchesRequestedOrganization(organization, undefined)).toBe(true);
    expect(matchesRequestedOrganization(organization, 'acme')).toBe(true);
    expect(matchesRequestedOrganization(organization, organization.id)).toBe(true);
    expect(matchesRequestedOrganization(organization, 'globex')).toBe(false);
  });
});

describe('after a member signs in', () => {
  it('they go back to an application’s sign-in page only, on this site', () => {
    const app = 'https://orgdesk.example.com';
    expect(memberReturnPath('/account/authorize/abcDEF_123-xyz', app)).toBe('/account/authorize/abcDEF_123-xyz');
    expect(memberReturnPath('https://orgdesk.example.com/account/authorize/abc123def4', app)).toBe('/account/authorize/abc123def4');
    expect(memberReturnPath('https://evil.example/account/authorize/abc123def4', app)).toBe('/account');
    expect(memberReturnPath('/organizations', app)).toBe('/account');
    expect(memberReturnPath('/account/authorize/abc/../../organizations', app)).toBe('/account');
    expect(memberReturnPath(null, app)).toBe('/account');
  });
});

describe('the provider’s pages and their policy', () => {
  it('escape what they show and keep the provider’s form', () => {
    expect(signOutPage('<form id="op.logoutForm"></form>', '<b>App</b>')).toContain('&lt;b&gt;App&lt;/b&gt;');
    expect(signOutPage('<form id="op.logoutForm"></form>', undefined)).toContain('<form id="op.logoutForm"></form>');
    const error = errorPage({ error: 'invalid_request', error_description: '<script>x</script>' });
    expect(error).toContain('&lt;script&gt;');
    expect(error).toContain('lang="en"');
  });

  it('let only the sign-in page’s forms end at the application; /oidc sets its own', () => {
    expect(formsLeaveSite('/account/authorize/abc')).toBe(true);
    expect(formsLeaveSite('/account')).toBe(false);
    expect(hasOwnPolicy('/oidc/auth')).toBe(true);
    expect(contentSecurityPolicy('n', { development: false, https: true, formsLeave: true })).toContain("form-action 'self' https: http:");
    expect(contentSecurityPolicy('n', { development: false, https: true })).toContain("form-action 'self';");
  });
});

describe('the Node bridge', () => {
  it('hands the handler the method, path, headers and body, and returns its status, headers and body', async () => {
    const response = await runNodeHandler(
      async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        res.statusCode = 201;
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.setHeader('Content-Type', 'text/plain');
        res.end(`${req.method} ${req.url} ${req.headers['x-test']} ${Buffer.concat(chunks).toString()}`);
      },
      {
        method: 'POST',
        url: '/token?x=1',
        originalUrl: '/oidc/token?x=1',
        headers: new Headers({ 'x-test': 'yes' }),
        body: new TextEncoder().encode('grant_type=code').buffer as ArrayBuffer,
        https: true,
        remoteAddress: '203.0.113.9',
      },
    );
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('POST /token?x=1 yes grant_type=code');
    const res = collectedResponse();
    res.writeHead(302, { Location: '/next' });
    expect(res.getHeader('location')).toBe('/next');
  });
});

describe('an SSO sign-in started from an application’s sign-in page', () => {
  it('lands on the ticket page with the way back, which the ticket page checks again', () => {
    const app = 'https://orgdesk.example.com';
    const back = outcomeRedirect({ kind: 'signed_in', ticket: 't'.repeat(30), returnTo: '/account/authorize/abc123def4' }, app);
    const location = new URL(back.headers.get('location')!);
    expect(location.pathname).toBe(`/account/sso/${'t'.repeat(30)}`);
    expect(memberReturnPath(location.searchParams.get('next'), app)).toBe('/account/authorize/abc123def4');
    const plain = new URL(outcomeRedirect({ kind: 'signed_in', ticket: 't'.repeat(30), returnTo: null }, app).headers.get('location')!);
    expect(plain.searchParams.has('next')).toBe(false);
  });
});
