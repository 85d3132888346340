/**
 * The caller's address. Under `npm start`, scripts/server.ts has already replaced
 * X-Forwarded-For with the one address the trusted proxies vouch for (lib/http/forwarded.ts).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}

/** State-changing route handlers accept only same-origin browser posts. */
export function isSameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const allowed = new Set([new URL(appUrl).origin, new URL(request.url).origin]);
  return allowed.has(origin);
}

/**
 * A same-site form post. Pages sent with `Referrer-Policy: no-referrer` make browsers post
 * `Origin: null`, so Sec-Fetch-Site decides where browsers send it, and Origin elsewhere.
 */
export function isSameSiteForm(request: Request, appUrl: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && origin !== 'null' && origin === new URL(appUrl).origin;
}

/** Where a request came from, for the audit log: the client's address and a request id. */
export function requestMeta(headers: Headers): { ip: string | null; requestId: string } {
  const ip = clientIp(headers);
  const given = headers.get('x-request-id')?.trim();
  return { ip: ip === 'unknown' ? null : ip, requestId: given && /^[\w.-]{1,100}$/.test(given) ? given : crypto.randomUUID() };
}
