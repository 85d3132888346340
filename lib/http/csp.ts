/**
 * The Content-Security-Policy of every page: scripts only with this response's nonce (Next.js
 * puts it on its own scripts), no inline event handlers, no plugins, forms and frames only to
 * Orgdesk itself. Pure.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean; formsLeave?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd bootstrap load Next.js's chunks; development's React needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    // Development's error overlay injects inline styles, which a nonce in the list would block.
    options.development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // The sign-in page of an application's OpenID flow posts, and the answer's redirects end at the
    // application (Chromium checks form-action along the redirects).
    options.formsLeave ? "form-action 'self' https: http:" : "form-action 'self'",
    "frame-ancestors 'self'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Email HTML shown as a page (the dev mailbox, the invitation preview) keeps its own stricter policy. */
export function hasOwnPolicy(pathname: string): boolean {
  // The OpenID provider's own pages (lib/oidc/serve.ts) set theirs.
  if (pathname.startsWith('/oidc/')) return true;
  return /^\/dev\/mailbox\/[^/]+\/html$/.test(pathname) || /^\/organizations\/[^/]+\/invitations\/preview$/.test(pathname);
}

/** Pages whose forms end at another site: the OpenID sign-in page, whose answer redirects to the application. */
export function formsLeaveSite(pathname: string): boolean {
  return pathname.startsWith('/account/authorize/');
}
