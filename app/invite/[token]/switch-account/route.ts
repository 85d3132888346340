import { cookies } from 'next/headers';
import { type NextRequest, NextResponse } from 'next/server';
import { endSessionByToken, expiredSessionCookie } from '@/lib/auth/member-session';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { isSameSiteForm } from '@/lib/http/request';
import { fail } from '@/lib/result';

/**
 * "Sign out and continue as <invited address>": ends this browser's session, then returns to the
 * same invitation, signed out, where the invited person can accept. A POST from the invitation
 * page only (it sends no referrer, so Sec-Fetch-Site decides).
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const config = getConfig();
  if (!isSameSiteForm(request, config.appUrl)) return errorResponse(fail('cross_site', 'Switch accounts from the invitation page.'));
  const expired = expiredSessionCookie(config.appUrl);
  await endSessionByToken(await db(), (await cookies()).get(expired.name)?.value);
  const response = NextResponse.redirect(new URL(`/invite/${encodeURIComponent(token)}`, config.appUrl), 303);
  response.cookies.set(expired.name, expired.value, expired.options);
  return response;
}
