import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, formsLeaveSite, hasOwnPolicy } from '@/lib/http/csp';

/**
 * Runs before every page: a fresh nonce per request and a strict Content-Security-Policy. The
 * policy goes on the request too, which is where Next.js reads the nonce for its own scripts.
 */
export function proxy(request: NextRequest) {
  if (hasOwnPolicy(request.nextUrl.pathname)) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:',
    formsLeave: formsLeaveSite(request.nextUrl.pathname),
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages and routes; not the hashed static files, which carry no policy of their own.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
