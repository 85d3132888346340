/**
 * Where a redirect from Orgdesk to itself must point: APP_URL's origin, exactly. Next.js reports a
 * request to 127.0.0.1 (or [::1]) as localhost, so Auth.js, which builds its redirects from the
 * request, sent builders to localhost, where the session cookie set for 127.0.0.1 doesn't apply.
 * A Location on the request's own origin is moved to APP_URL's; any other is left alone. Pure.
 */
export function onAppOrigin(location: string, requestUrl: string, appUrl: string): string {
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return location;
  }
  const app = new URL(appUrl);
  if (target.origin !== new URL(requestUrl).origin || target.origin === app.origin) return location;
  return `${app.origin}${target.pathname}${target.search}${target.hash}`;
}
