import { type NextRequest, NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { requestMeta } from '@/lib/http/request';
import { authenticateSetupLink } from '@/lib/setup-links/auth';
import { SETUP_RETURN_COOKIE, SETUP_RETURN_SECONDS } from '@/lib/setup-links/sso-test';
import { startSsoTestCommand } from '@/lib/sso/commands';

/**
 * A setup link's "Test connection": the test sign-in starts at the identity provider as the link.
 * The browser keeps the link (an HttpOnly cookie for this path, 15 minutes) so the answer comes
 * back to the setup page; the stored request names only the link's id. A refusal returns to the
 * page with the reason.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string; connectionId: string }> }) {
  const { token, connectionId } = await params;
  const config = getConfig();
  const page = new URL(`/setup/${token}`, config.appUrl);
  const auth = await authenticateSetupLink(await db(), token, new Date());
  if (!auth.ok) return NextResponse.redirect(page, 303);
  const result = await startSsoTestCommand(
    auth.data.principal,
    { organizationId: auth.data.organization.id, connectionId },
    { request: requestMeta(request.headers) },
  );
  if (!result.ok) {
    page.searchParams.set('testError', result.code);
    page.searchParams.set('connection', connectionId);
    page.hash = 'sso';
    return NextResponse.redirect(page, 303);
  }
  const response = NextResponse.redirect(result.data.url, 303);
  response.cookies.set(SETUP_RETURN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.startsWith('https:'),
    path: '/setup',
    maxAge: SETUP_RETURN_SECONDS,
  });
  return response;
}
