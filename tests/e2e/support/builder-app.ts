import http from 'node:http';
import * as oidc from 'openid-client';
import { Webhook } from 'standardwebhooks';

/** What the builder copies from the console into their app's settings. */
export interface BuilderAppSettings {
  clientId: string;
  clientSecret: string;
  apiKey: string;
  webhookSecret: string;
}

export interface SignedIn {
  claims: Record<string, unknown>;
  /** The API's answer for the same person: GET /api/v1/organizations/{org_id}/permissions. */
  apiPermissions: { role: string; permissions: string[] };
  activityStatus: number;
}

const STRICT_POLICY = "default-src 'none'; script-src 'nonce-builderapp'; form-action 'self'";

function html(title: string, body: string) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/**
 * A small "builder's app", the way a builder wires Orgdesk in: it signs people in with a standard
 * OpenID Connect client (openid-client: discovery, authorization code with PKCE), reads the
 * organization and permissions from the ID token, calls the REST API with its key, reports
 * activity, and receives webhooks that it verifies with the Standard Webhooks library.
 */
export async function startBuilderApp(orgdeskUrl: string, port: number) {
  const origin = `http://127.0.0.1:${port}`;
  const redirectUri = `${origin}/callback`;
  let settings: BuilderAppSettings | null = null;
  let config: oidc.Configuration | null = null;
  const pending = new Map<string, string>();
  const events: { id: string; type: string; data: Record<string, unknown> }[] = [];
  const rejectedWebhooks: string[] = [];
  const signIns: SignedIn[] = [];
  let lastIdToken: string | undefined;

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${orgdeskUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${settings!.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse, body: string) {
    const url = new URL(request.url ?? '/', origin);
    const page = (status: number, title: string, content: string) =>
      response
        .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_POLICY })
        .end(html(title, content));
    if (request.method === 'POST' && url.pathname === '/hooks/builder-app') {
      try {
        const event = new Webhook(settings!.webhookSecret).verify(body, request.headers as Record<string, string>) as {
          type: string;
          data: Record<string, unknown>;
        };
        events.push({ id: String(request.headers['webhook-id']), ...event });
        response.writeHead(204).end();
      } catch (error) {
        rejectedWebhooks.push((error as Error).message);
        response.writeHead(400).end('bad signature');
      }
      return;
    }
    if (!settings || !config) return page(503, 'Not configured', '<p>Configure the app first.</p>');
    if (url.pathname === '/login') {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      pending.set(state, verifier);
      const organization = url.searchParams.get('organization');
      const target = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ...(organization ? { organization } : {}),
      });
      response.writeHead(302, { location: target.href }).end();
      return;
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state') ?? '';
      if (url.searchParams.get('error')) return page(400, 'Sign-in refused', `<p>${url.searchParams.get('error')}</p>`);
      const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: pending.get(state), expectedState: state });
      pending.delete(state);
      lastIdToken = tokens.id_token;
      const claims = tokens.claims()! as Record<string, unknown>;
      const permissions = await api('GET', `/organizations/${claims.org_id}/permissions?userId=${claims.sub}`);
      const activity = await api('POST', `/organizations/${claims.org_id}/activity`, { email: claims.email });
      signIns.push({ claims, apiPermissions: permissions.body.data as SignedIn['apiPermissions'], activityStatus: activity.status });
      return page(
        200,
        'Welcome to the builder’s app',
        `<p>Signed in as ${claims.email} in ${claims.org_name} (${claims.role}).</p><p><a href="/logout">Sign out</a></p>`,
      );
    }
    if (url.pathname === '/logout') {
      const target = oidc.buildEndSessionUrl(config, { id_token_hint: lastIdToken!, post_logout_redirect_uri: `${origin}/bye` });
      response.writeHead(302, { location: target.href }).end();
      return;
    }
    if (url.pathname === '/bye') return page(200, 'Signed out of the builder’s app', '<p>See you soon.</p>');
    return page(404, 'Not found', '<p>Nothing here.</p>');
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks).toString('utf8')).catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`The builder's app failed: ${error.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin,
    redirectUri,
    webhookUrl: `${origin}/hooks/builder-app`,
    events,
    rejectedWebhooks,
    signIns,
    async configure(values: BuilderAppSettings) {
      settings = values;
      config = await oidc.discovery(new URL(`${orgdeskUrl}/oidc`), values.clientId, values.clientSecret, undefined, {
        execute: [oidc.allowInsecureRequests],
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
