/**
 * Email sign-in links point at a confirmation page; the page POSTs to Auth.js's callback, so a
 * mail scanner's GET never signs anyone in or burns the token.
 */
export function confirmationLinkFromCallback(callbackUrl: string, appUrl: string): string {
  const callback = new URL(callbackUrl);
  const link = new URL('/login/verify', appUrl);
  for (const key of ['token', 'email', 'callbackUrl']) {
    const value = callback.searchParams.get(key);
    if (value) link.searchParams.set(key, value);
  }
  return link.toString();
}

/** Only same-origin paths are followed after sign-in. */
export function safeCallbackPath(value: string | null | undefined, appUrl: string, fallback = '/organizations'): string {
  if (!value) return fallback;
  try {
    const base = new URL(appUrl);
    const url = new URL(value, base);
    return url.origin === base.origin ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Where a member goes after signing in: back to an application's sign-in page when that is where
 * they started, else the member area. Same-origin paths under /account/authorize/ only.
 */
export function memberReturnPath(value: string | null | undefined, appUrl: string): string {
  const path = safeCallbackPath(value, appUrl, '/account');
  return /^\/account\/authorize\/[\w-]+$/.test(path) ? path : '/account';
}
