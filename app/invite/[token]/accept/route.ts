import { type NextRequest, NextResponse } from 'next/server';
import { createSession, setMemberSessionCookie } from '@/lib/auth/member-session';
import { currentUser } from '@/lib/auth/session';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { clientIp, isSameSiteForm, requestMeta } from '@/lib/http/request';
import { acceptInvitationCommand } from '@/lib/invitations/commands';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { fail } from '@/lib/result';

/** "Accept invitation" POSTs here, from the invitation page (which sends no referrer). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const config = getConfig();
  const back = new URL(`/invite/${encodeURIComponent(token)}`, config.appUrl);
  if (!isSameSiteForm(request, config.appUrl)) {
    return errorResponse(fail('cross_site', 'Accept the invitation from its page.'));
  }
  const client = await db();
  const now = new Date();
  const limit = await hitRateLimit(client, `accept:ip:${clientIp(request.headers)}`, RATE_LIMITS.invitationAcceptsPerIp, now);
  if (!limit.allowed) {
    back.searchParams.set('error', 'rate_limited');
    return NextResponse.redirect(back, 303);
  }
  const visitor = await currentUser();
  const result = await acceptInvitationCommand(
    { kind: 'invitation_link', email: visitor?.email ?? null },
    { token },
    { now, request: requestMeta(request.headers) },
  );
  // Every refusal is explained by the invitation page itself, which re-reads the token.
  if (!result.ok) return NextResponse.redirect(back, 303);
  const response = NextResponse.redirect(
    new URL(`/account?joined=${encodeURIComponent(result.data.organization.slug)}`, config.appUrl),
    303,
  );
  if (!visitor) {
    const session = await createSession(client, result.data.userId, now);
    setMemberSessionCookie(response, config.appUrl, session);
  }
  return response;
}
