import * as client from 'openid-client';
import { z } from 'zod';
import { fetchOutbound, guardedFetch } from '@/lib/http/outbound';
import { fail, ok, type Result } from '@/lib/result';
import type { VerifiedIdentity } from './identity';
import { SSO_PROVIDERS, type SsoProviderKey } from './providers';
import { type SamlFailure as SsoFailure, ssoFailure } from './saml';

/**
 * OpenID Connect, relying-party side, with openid-client: discovery (through the outbound guard,
 * HTTPS to public addresses only, a time limit and a size cap), the authorization request
 * (always PKCE S256, state and nonce), and the callback's checks: the `iss` parameter, the ID
 * token's issuer, audience, authorized party, expiry, issue time and nonce, then userinfo, whose
 * subject must equal the ID token's. Each failure has its own code and says how to fix it.
 */

export const MAX_DISCOVERY_BYTES = 256 * 1024;
const OUTBOUND = { timeoutMs: 10_000, maxBytes: MAX_DISCOVERY_BYTES };

const discoverySchema = z
  .object({
    issuer: z.string(),
    authorization_endpoint: z.string().url(),
    token_endpoint: z.string().url(),
    jwks_uri: z.string().url(),
    userinfo_endpoint: z.string().url(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
  })
  .passthrough();
export type OidcDiscovery = z.infer<typeof discoverySchema>;

function discoveryFailure(message: string) {
  return fail('fetch_failed', message, { fieldErrors: { issuer: [message] } });
}

/** The issuer's discovery document, checked: it must name the same issuer and the endpoints Orgdesk uses. */
export async function fetchDiscovery(issuer: string, allowOrigins: readonly string[]): Promise<Result<OidcDiscovery>> {
  const fetched = await fetchOutbound(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    ...OUTBOUND,
    allowOrigins,
    accept: 'application/json',
  });
  if (!fetched.ok) return discoveryFailure(`Discovery failed: ${fetched.message}`);
  let json: unknown;
  try {
    json = JSON.parse(fetched.data.body);
  } catch {
    return discoveryFailure(
      'The issuer’s discovery document isn’t JSON. Check the issuer: Orgdesk reads <issuer>/.well-known/openid-configuration.',
    );
  }
  const parsed = discoverySchema.safeParse(json);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    return discoveryFailure(`The discovery document lacks what Orgdesk needs: ${missing}.`);
  }
  if (parsed.data.issuer !== issuer) {
    return discoveryFailure(
      `The discovery document names the issuer ${parsed.data.issuer}, not ${issuer}. Use ${parsed.data.issuer} as the issuer.`,
    );
  }
  const methods = parsed.data.code_challenge_methods_supported;
  if (methods && !methods.includes('S256'))
    return discoveryFailure('The provider doesn’t support PKCE with S256, which Orgdesk always uses.');
  return ok(parsed.data);
}

/** A client configuration for one connection, from its stored discovery, its keys cache and its secret. */
export function oidcConfiguration(
  discovery: OidcDiscovery,
  clientId: string,
  clientSecret: string,
  allowOrigins: readonly string[],
  jwksCache: unknown,
): client.Configuration {
  const config = new client.Configuration(discovery as client.ServerMetadata, clientId, clientSecret);
  config[client.customFetch] = guardedFetch({ ...OUTBOUND, allowOrigins }) as NonNullable<(typeof config)[typeof client.customFetch]>;
  // Plain http only for an allow-listed origin (the guard refuses any other).
  if ([discovery.token_endpoint, discovery.userinfo_endpoint, discovery.jwks_uri].some((u) => u.startsWith('http:'))) {
    client.allowInsecureRequests(config);
  }
  if (jwksCache && typeof jwksCache === 'object') client.setJwksCache(config, jwksCache as Parameters<typeof client.setJwksCache>[1]);
  // The ID token's signature is checked against the issuer's published keys too, not only TLS.
  client.enableNonRepudiationChecks(config);
  return config;
}

/** The authorization request: code flow, PKCE S256, state, nonce. */
export async function oidcAuthorizationUrl(
  config: client.Configuration,
  values: { redirectUri: string; state: string; nonce: string; codeVerifier: string; loginHint?: string | null },
): Promise<string> {
  const parameters: Record<string, string> = {
    redirect_uri: values.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(values.codeVerifier),
    code_challenge_method: 'S256',
    state: values.state,
    nonce: values.nonce,
  };
  if (values.loginHint) parameters.login_hint = values.loginHint;
  return client.buildAuthorizationUrl(config, parameters).href;
}

export const newCodeVerifier = client.randomPKCECodeVerifier;
export const newNonce = client.randomNonce;
export const newState = client.randomState;

const CLAIM_CHECKS: Record<string, { code: `oidc_${string}`; check: string }> = {
  iss: { code: 'oidc_issuer', check: 'ID token issuer' },
  aud: { code: 'oidc_audience', check: 'ID token audience' },
  azp: { code: 'oidc_authorized_party', check: 'ID token authorized party' },
  exp: { code: 'oidc_expired', check: 'ID token expiry' },
  iat: { code: 'oidc_issued_at', check: 'ID token issue time' },
  nbf: { code: 'oidc_not_yet_valid', check: 'ID token not before' },
  nonce: { code: 'oidc_nonce', check: 'Nonce' },
};

/** openid-client wraps oauth4webapi's error, which names the claim: the innermost one says most. */
function innermost(error: unknown): unknown {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner;
}

/** Puts openid-client's refusals into the connection's words: which check, expected, received, the fix. */
export function explainOidcError(error: unknown, provider: string, expected: { issuer: string; clientId: string }): SsoFailure {
  const label = (SSO_PROVIDERS[provider as SsoProviderKey] ?? SSO_PROVIDERS.generic_oidc).label;
  if (error instanceof client.AuthorizationResponseError) {
    return ssoFailure(
      'oidc_idp_error',
      'Identity provider',
      `${label} refused the sign-in: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}.`,
      {
        fix: `Check in ${label} that the person is assigned to the application and that the redirect URI matches Orgdesk’s.`,
      },
    );
  }
  if (error instanceof client.ResponseBodyError) {
    return ssoFailure(
      'oidc_token',
      'Token exchange',
      `${label}’s token endpoint refused the code: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}.`,
      {
        fix:
          error.error === 'invalid_client'
            ? `Copy the client ID and a current client secret from ${label} into this connection.`
            : 'Start the sign-in again.',
      },
    );
  }
  const inner = innermost(error);
  const message = inner instanceof Error ? inner.message : String(inner);
  const cause = (inner as { cause?: { claim?: string; expected?: unknown; claims?: Record<string, unknown> } }).cause;
  if (/"state" response parameter/.test(message)) {
    return ssoFailure('oidc_state', 'State', 'The answer’s state doesn’t match the sign-in Orgdesk started.', {
      fix: 'Start the sign-in again.',
    });
  }
  if (/"iss" \(issuer\) response parameter/.test(message)) {
    return ssoFailure('oidc_iss_parameter', 'Issuer parameter', `The answer came from another issuer than ${expected.issuer}.`, {
      expected: expected.issuer,
      fix: 'Check that the connection’s issuer is the provider that signs people in.',
    });
  }
  if (/signature verification failed/i.test(message) || /no applicable key/i.test(message)) {
    return ssoFailure('oidc_signature', 'ID token signature', 'The ID token’s signature doesn’t verify with the issuer’s published keys.', {
      fix: `Check that ${label} signs ID tokens with the keys its discovery document publishes (jwks_uri).`,
    });
  }
  const claim = cause?.claim;
  if (claim && CLAIM_CHECKS[claim]) {
    const received = cause?.claims?.[claim];
    const expectation = claim === 'iss' ? expected.issuer : claim === 'aud' || claim === 'azp' ? expected.clientId : cause?.expected;
    return ssoFailure(CLAIM_CHECKS[claim]!.code, CLAIM_CHECKS[claim]!.check, `${CLAIM_CHECKS[claim]!.check} check failed: ${message}.`, {
      expected: expectation === undefined ? undefined : String(expectation),
      received:
        received === undefined ? undefined : typeof received === 'number' ? new Date(received * 1000).toISOString() : String(received),
      fix:
        claim === 'aud' || claim === 'azp'
          ? `Copy ${label}’s client ID into this connection again.`
          : claim === 'iss'
            ? `Set this connection’s issuer to the one ${label} puts in its tokens.`
            : 'Sync the clocks with NTP, and sign in again.',
    });
  }
  return ssoFailure('oidc_failed', 'Sign-in', `The sign-in couldn’t be completed: ${message}.`, {
    fix: 'Start the sign-in again; if it keeps failing, check the connection’s settings.',
  });
}

const asList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : value === undefined || value === null
      ? []
      : [typeof value === 'object' ? JSON.stringify(value) : String(value)];

/**
 * The callback: exchanges the code (PKCE verifier, state, nonce and the `iss` parameter checked),
 * checks the ID token, then calls userinfo, whose subject must be the ID token's.
 */
export async function completeOidcSignIn(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
  settings: {
    provider: string;
    issuer: string;
    clientId: string;
    attributeMapping: { email?: string; firstName?: string; lastName?: string; groups?: string };
  },
  now: Date,
): Promise<VerifiedIdentity | SsoFailure> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return explainOidcError(error, settings.provider, settings);
  }
  const claims = tokens.claims();
  if (!claims) return ssoFailure('oidc_failed', 'ID token', 'The provider sent no ID token.');
  // openid-client checks azp only when there are several audiences; a token issued to another
  // client (azp) is refused whatever its audience says.
  if (claims.azp !== undefined && claims.azp !== settings.clientId) {
    return ssoFailure(
      'oidc_authorized_party',
      'ID token authorized party',
      `The ID token was issued to ${String(claims.azp)}, not to this connection’s client.`,
      {
        expected: settings.clientId,
        received: String(claims.azp),
        fix: 'Check that the provider issues this application’s tokens to its own client ID.',
      },
    );
  }
  let userinfo: Record<string, unknown>;
  try {
    userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  } catch (error) {
    const inner = innermost(error);
    const message = inner instanceof Error ? inner.message : String(inner);
    if (/"sub"/.test(message)) {
      return ssoFailure(
        'oidc_userinfo_subject',
        'Userinfo subject',
        'The userinfo endpoint answered for another person than the ID token names.',
        {
          expected: claims.sub,
          fix: 'This points to a misbehaving provider or a token mix-up: report it to the provider.',
        },
      );
    }
    return ssoFailure('oidc_userinfo', 'Userinfo', `The userinfo request failed: ${message}.`);
  }
  const all: Record<string, unknown> = { ...claims, ...userinfo };
  const mapping = settings.attributeMapping;
  const pick = (key: string | undefined) => (key && all[key] !== undefined && all[key] !== null ? String(all[key]) : null);
  if (all.email_verified === false) {
    return ssoFailure('oidc_email_unverified', 'Email verified', 'The provider says this person’s email address isn’t verified.', {
      fix: 'Verify the address at the identity provider, then sign in again.',
    });
  }
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(all)) {
    if (['aud', 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'c_hash', 'auth_time', 'sid'].includes(name)) continue;
    attributes[name] = asList(value);
  }
  return {
    ok: true,
    subject: claims.sub,
    email: pick(mapping.email)?.toLowerCase() ?? null,
    firstName: pick(mapping.firstName),
    lastName: pick(mapping.lastName),
    groups: mapping.groups ? asList(all[mapping.groups]) : [],
    attributes,
    detail: { issuer: String(claims.iss), clockDifferenceMs: typeof claims.iat === 'number' ? claims.iat * 1000 - now.getTime() : 0 },
  };
}

export { client as openidClient };
