import { type NextRequest, NextResponse } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
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
  return handlers.GET(request);
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
  return handlers.POST(request);
}
