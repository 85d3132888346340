import crypto from 'node:crypto';
import Provider, { type Configuration, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { endSessionByToken, expiredSessionCookie } from '@/lib/auth/member-session';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { findAccount, grantMembership, matchesRequestedOrganization, recordApplicationSignIn } from './accounts';
import { PrismaOidcAdapter } from './adapter';
import { ID_TOKEN_TTL_SECONDS, publishedSigningKeys } from './keys';
import { errorPage, signedOutPage, signOutPage } from './pages';
import { clientSecretMatches } from './secrets';

/** Where the provider lives: `${APP_URL}/oidc`, discovery at `/oidc/.well-known/openid-configuration`. */
export const OIDC_PATH = '/oidc';
export const AUTHORIZE_PAGE = '/account/authorize';

/** The organization claims every ID token and userinfo answer carries (the `openid` scope). */
export const ORGANIZATION_CLAIMS = ['org_id', 'org_slug', 'org_name', 'role', 'permissions'] as const;

const DAY = 24 * 60 * 60;

export function issuerUrl(appUrl = getConfig().appUrl): string {
  return `${appUrl.replace(/\/$/, '')}${OIDC_PATH}`;
}

/** The key that signs the provider's cookies, derived from AUTH_SECRET (a key of its own, not the secret). */
function cookieKey(secret: string): string {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'orgdesk', 'oidc-cookies-v1', 32)).toString('base64url');
}

/**
 * The sign-in policy: oidc-provider's own, plus one check. An application that asks for a
 * particular organization (`organization=<id or slug>`) while the person's session is in another
 * one sends them through the sign-in page again, to choose.
 */
function signInPolicy() {
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('organization_mismatch', 'The application asked for another organization', async (ctx) => {
      const requested = ctx.oidc.params?.organization as string | undefined;
      const grantId = ctx.oidc.client ? ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId) : undefined;
      if (!requested || !grantId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const membership = await grantMembership(await db(), grantId);
      return membership && matchesRequestedOrganization({ id: membership.organizationId, slug: membership.organization.slug }, requested)
        ? interactionPolicy.Check.NO_NEED_TO_PROMPT
        : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

function configuration(keys: Awaited<ReturnType<typeof publishedSigningKeys>>): Configuration {
  const config = getConfig();
  return {
    adapter: PrismaOidcAdapter,
    findAccount: async (_ctx, sub, token) => findAccount(await db(), sub, token as { grantId?: string } | undefined),
    jwks: { keys: keys as never },
    claims: {
      openid: ['sub', ...ORGANIZATION_CLAIMS],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'email', 'offline_access'],
    // The organization claims go in the ID token itself, not only in userinfo.
    conformIdTokenClaims: false,
    extraParams: ['organization'],
    extraClientMetadata: { properties: ['previous_secret_hash', 'previous_secret_expires_at'] },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    // The authorization code flow only: no implicit or hybrid responses.
    responseTypes: ['code'],
    // Every application uses PKCE (S256), confidential or not.
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    cookies: { keys: [cookieKey(config.authSecret)] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = signOutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage(ctx.oidc.client?.clientName);
        },
      },
    },
    interactions: {
      url: async (_ctx, interaction) => `${AUTHORIZE_PAGE}/${interaction.uid}`,
      policy: signInPolicy(),
    },
    // First-party applications: nobody is asked to consent. The grant is the one the sign-in page
    // made (with the organization chosen), or this application's grant in the person's session,
    // widened to what the application asks for now. No grant yet: the sign-in page, to choose.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      if (!oidc.session?.accountId || !oidc.client) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      const grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== oidc.session.accountId || !(await grantMembership(await db(), grant.jti))) return undefined;
      grant.addOIDCScope(String(oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: ID_TOKEN_TTL_SECONDS,
      RefreshToken: 14 * DAY,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
  };
}

function build(keys: Awaited<ReturnType<typeof publishedSigningKeys>>): Provider {
  const provider = new Provider(issuerUrl(), configuration(keys));
  // Client secrets are stored as hashes: compare the presented secret's hash with the current
  // one's, or the previous one's while its overlap lasts.
  provider.Client.prototype.compareClientSecret = function compare(this: Record<string, unknown>, presented: string) {
    return clientSecretMatches(
      presented,
      {
        secretHash: String(this.clientSecret),
        previousSecretHash: (this.previous_secret_hash as string | undefined) ?? null,
        previousSecretExpiresAt:
          typeof this.previous_secret_expires_at === 'number' ? new Date(this.previous_secret_expires_at * 1000) : null,
      },
      new Date(),
    );
  };
  // A code exchanged for tokens is a completed sign-in: end-user activity for the organization,
  // recorded before the application gets its tokens.
  provider.use(async (ctx, next) => {
    await next();
    const oidc = (ctx as KoaContextWithOIDC).oidc;
    const code = oidc?.entities?.AuthorizationCode;
    if (oidc?.route === 'token' && ctx.status === 200 && code?.grantId && code.clientId) {
      const recorded = await recordApplicationSignIn(await db(), { grantId: code.grantId, clientId: code.clientId }, new Date());
      if (recorded && !recorded.ok) console.warn(`[oidc] sign-in activity not recorded: ${recorded.message}`);
    }
    // "Yes, sign me out" signs the person out of Orgdesk too, as the page says: the browser's
    // Orgdesk session ends when it is the same person's. Only after that page: a sign-out the
    // provider confirms by itself (it had nobody signed in) leaves other sessions alone.
    const accountId = oidc?.route === 'end_session_confirm' && ctx.status === 303 ? oidc.session?.accountId : undefined;
    if (accountId && oidc?.params?.logout) {
      const expired = expiredSessionCookie(getConfig().appUrl);
      if (await endSessionByToken(await db(), ctx.cookies.get(expired.name, { signed: false }), accountId)) {
        ctx.cookies.set(expired.name, expired.value, { ...expired.options, signed: false });
      }
    }
  });
  return provider;
}

const shared = globalThis as { __orgdeskOidc?: { fingerprint: string; provider: Provider } };

/**
 * The provider, built once per signing key set: every request reads which keys are published (one
 * statement), so a rotation on any instance reaches all of them at their next request.
 */
export async function oidcProvider(now = new Date()): Promise<Provider> {
  const keys = await publishedSigningKeys(await db(), now);
  const fingerprint = keys.map((key) => key.kid).join(',');
  if (shared.__orgdeskOidc?.fingerprint !== fingerprint) {
    shared.__orgdeskOidc = { fingerprint, provider: build(keys) };
  }
  return shared.__orgdeskOidc.provider;
}
