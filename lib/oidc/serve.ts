import { getConfig } from '@/lib/config';
import { clientIp } from '@/lib/http/request';
import { runNodeHandler } from './bridge';
import { OIDC_PATH, oidcProvider } from './provider';

/**
 * The provider's own pages (sign-out, errors) carry no script; their form may send the browser on to
 * the application's registered addresses, which the provider has checked.
 */
const PROVIDER_PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'";

/**
 * Serves a request under /oidc with oidc-provider: discovery, JWKS, authorization, token,
 * userinfo, revocation and end-session. Its URLs are built from APP_URL, whatever Host the
 * request came with.
 */
export async function serveOidc(request: Request): Promise<Response> {
  const appUrl = new URL(getConfig().appUrl);
  const url = new URL(request.url);
  const below = url.pathname.slice(OIDC_PATH.length) || '/';
  const headers = new Headers(request.headers);
  headers.set('host', appUrl.host);
  const provider = await oidcProvider();
  const response = await runNodeHandler(provider.callback(), {
    method: request.method,
    url: `${below}${url.search}`,
    originalUrl: `${url.pathname}${url.search}`,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer(),
    https: appUrl.protocol === 'https:',
    remoteAddress: clientIp(request.headers),
  });
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('content-security-policy', PROVIDER_PAGE_POLICY);
  }
  return response;
}
