import { type NextRequest, NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
import { acceptConsoleInvitationCommand } from '@/lib/console/commands';
import { db } from '@/lib/db/client';
import { clientIp, isSameSiteForm, requestMeta } from '@/lib/http/request';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { fail } from '@/lib/result';

/**
 * "Accept invitation" POSTs here. Accepting gives console access; it signs nobody in: the console
 * opens only through the person's own email sign-in, which the login page offers next.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const config = getConfig();
  const back = new URL(`/console-invite/${encodeURIComponent(token)}`, config.appUrl);
  if (!isSameSiteForm(request, config.appUrl)) return errorResponse(fail('cross_site', 'Accept the invitation from its page.'));
  const now = new Date();
  const limit = await hitRateLimit(await db(), `accept:ip:${clientIp(request.headers)}`, RATE_LIMITS.invitationAcceptsPerIp, now);
  if (!limit.allowed) {
    back.searchParams.set('error', 'rate_limited');
    return NextResponse.redirect(back, 303);
  }
  const visitor = await currentUser();
  const result = await acceptConsoleInvitationCommand(
    { kind: 'invitation_link', email: visitor?.email ?? null },
    { token },
    { now, request: requestMeta(request.headers) },
  );
  // Every refusal is explained by the invitation page itself, which re-reads the token.
  if (!result.ok) return NextResponse.redirect(back, 303);
  const login = new URL('/login', config.appUrl);
  login.searchParams.set('joined', result.data.role);
  login.searchParams.set('email', result.data.email);
  return NextResponse.redirect(login, 303);
}
