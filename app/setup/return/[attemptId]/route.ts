import { type NextRequest, NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { authenticateSetupLink } from '@/lib/setup-links/auth';
import { SETUP_RETURN_COOKIE } from '@/lib/setup-links/sso-test';

/**
 * Where a setup link's test sign-in answers: back to the link's page, with the result, in the
 * browser that started it (its cookie holds the link). Another browser is told where to look.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const config = getConfig();
  const token = request.cookies.get(SETUP_RETURN_COOKIE)?.value ?? '';
  const auth = token ? await authenticateSetupLink(await db(), token, new Date()) : null;
  if (!auth?.ok) {
    return NextResponse.redirect(new URL('/setup/finished', config.appUrl), 303);
  }
  const page = new URL(`/setup/${token}`, config.appUrl);
  if (/^[0-9a-f-]{36}$/.test(attemptId)) page.searchParams.set('attempt', attemptId);
  page.hash = 'sso';
  const response = NextResponse.redirect(page, 303);
  response.cookies.delete({ name: SETUP_RETURN_COOKIE, path: '/setup' });
  return response;
}
