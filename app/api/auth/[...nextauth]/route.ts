import { type NextRequest, NextResponse } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
import { onAppOrigin } from '@/lib/http/app-origin';
import { isSameOrigin } from '@/lib/http/request';
import { fail, notFound } from '@/lib/result';

const EMAIL_CALLBACK = '/api/auth/callback/nodemailer';

export async function GET(request: NextRequest) {
  const url = new URL(request.url);
  // A GET never signs anyone in: send the link's holder to the confirmation page instead.
  if (url.pathname === EMAIL_CALLBACK) {
    const confirm = new URL('/login/verify', getConfig().appUrl);
    for (const [key, value] of url.searchParams) confirm.searchParams.set(key, value);
    return NextResponse.redirect(confirm, 303);
  }
  return keepOnAppOrigin(request, await handlers.GET(request));
}

export async function POST(request: NextRequest) {
  const url = new URL(request.url);
  // Sign-in links are requested only through the rate-limited form on /login.
  if (url.pathname.startsWith('/api/auth/signin')) {
    return errorResponse(notFound());
  }
  if (!isSameOrigin(request, getConfig().appUrl)) {
    return errorResponse(fail('cross_site', 'This request must come from the Orgdesk console.'));
  }
  return keepOnAppOrigin(request, await handlers.POST(request));
}

/** Auth.js's redirects to Orgdesk itself land on APP_URL's origin, where the session cookie lives. */
function keepOnAppOrigin(request: NextRequest, response: Response): Response {
  const location = response.headers.get('location');
  if (!location) return response;
  const moved = onAppOrigin(location, request.url, getConfig().appUrl);
  if (moved === location) return response;
  const headers = new Headers(response.headers);
  headers.set('location', moved);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
