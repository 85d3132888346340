import { type NextRequest, NextResponse } from 'next/server';
import { memberReturnPath } from '@/lib/auth/links';
import { createSession, setMemberSessionCookie } from '@/lib/auth/member-session';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { redeemSsoTicket } from '@/lib/sso/flow';

/**
 * The end of an SSO sign-in: the single-use ticket becomes the person's member session (tied to
 * the connection it came through), and they land in the member area, or back on the application
 * sign-in page they started from. A used or expired ticket
 * sends them back to sign in.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ ticket: string }> }) {
  const { ticket } = await params;
  const config = getConfig();
  const client = await db();
  const now = new Date();
  const redeemed = /^[\w-]{20,100}$/.test(ticket) ? await redeemSsoTicket(client, ticket, now) : null;
  if (!redeemed) {
    return NextResponse.redirect(new URL('/account/login/sso-error?code=saml_replay', config.appUrl), 303);
  }
  const session = await createSession(client, redeemed.userId, now, redeemed.connectionId);
  const next = memberReturnPath(request.nextUrl.searchParams.get('next'), config.appUrl);
  const response = NextResponse.redirect(new URL(next, config.appUrl), 303);
  response.headers.set('referrer-policy', 'no-referrer');
  setMemberSessionCookie(response, config.appUrl, session);
  return response;
}
