import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/**
 * A test OpenID provider on loopback: discovery, keys, the authorization endpoint (which signs
 * `person` in at once and redirects back with a code, the state and the `iss` parameter), the
 * token endpoint (client secret, PKCE S256 and the redirect URI checked; an RS256 ID token), and
 * userinfo. `tamper` changes one thing at a time (an ID token claim, the userinfo subject, the
 * signing key, the `iss` parameter) to see Orgdesk refuse it and explain why.
 */
export interface TestOp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  person: { sub: string; email: string; given_name?: string; family_name?: string; groups?: string[]; email_verified?: boolean };
  tamper: { idToken?: JWTPayload; userinfoSub?: string; issParameter?: string; foreignKey?: boolean };
  /** The authorization requests received, as their query parameters. */
  authorizations: URLSearchParams[];
  close(): Promise<void>;
}

export async function startTestOp(options: { port?: number; clientId?: string; clientSecret?: string } = {}): Promise<TestOp> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string; clientId: string }>();
  const accessTokens = new Map<string, string>();
  const op = {
    clientId: options.clientId ?? 'orgdesk-test-client',
    clientSecret: options.clientSecret ?? 'orgdesk-test-secret',
    person: { sub: 'op-user-1', email: 'person@example.com' },
    tamper: {},
    authorizations: [] as URLSearchParams[],
  } as TestOp;
  const json = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', op.issuer);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer: op.issuer,
        authorization_endpoint: `${op.issuer}/authorize`,
        token_endpoint: `${op.issuer}/token`,
        jwks_uri: `${op.issuer}/jwks`,
        userinfo_endpoint: `${op.issuer}/userinfo`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      op.authorizations.push(url.searchParams);
      const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
      if (url.searchParams.get('client_id') !== op.clientId) {
        redirect.searchParams.set('error', 'unauthorized_client');
      } else {
        const code = crypto.randomBytes(16).toString('hex');
        codes.set(code, {
          nonce: url.searchParams.get('nonce') ?? '',
          challenge: url.searchParams.get('code_challenge') ?? '',
          redirectUri: url.searchParams.get('redirect_uri') ?? '',
          clientId: op.clientId,
        });
        redirect.searchParams.set('code', code);
      }
      redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
      redirect.searchParams.set('iss', op.tamper.issParameter ?? op.issuer);
      response.writeHead(302, { location: redirect.href }).end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
      const clientId = form.get('client_id') ?? basicId;
      const secret = form.get('client_secret') ?? basicSecret;
      if (clientId !== op.clientId || secret !== op.clientSecret) return json(response, 401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = crypto
        .createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) {
        return json(response, 400, { error: 'invalid_grant' });
      }
      const now = Math.floor(Date.now() / 1000);
      const accessToken = crypto.randomBytes(16).toString('hex');
      accessTokens.set(accessToken, op.person.sub);
      const idToken = await new SignJWT({
        email: op.person.email,
        nonce: grant.nonce,
        ...op.tamper.idToken,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
        .setIssuer((op.tamper.idToken?.iss as string) ?? op.issuer)
        .setSubject(op.person.sub)
        .setAudience((op.tamper.idToken?.aud as string) ?? op.clientId)
        .setIssuedAt((op.tamper.idToken?.iat as number) ?? now)
        .setExpirationTime((op.tamper.idToken?.exp as number) ?? now + 300)
        .sign(op.tamper.foreignKey ? foreign.privateKey : privateKey);
      return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    if (url.pathname === '/userinfo') {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const sub = token ? accessTokens.get(token) : undefined;
      if (!sub) return json(response, 401, { error: 'invalid_token' });
      return json(response, 200, { ...op.person, sub: op.tamper.userinfoSub ?? sub });
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  op.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  op.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return op;
}
