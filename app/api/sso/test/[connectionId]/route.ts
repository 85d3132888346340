import { type NextRequest, NextResponse } from 'next/server';
import { currentBuilder } from '@/lib/auth/session';
import { errorResponse } from '@/lib/commands/errors';
import { getConfig } from '@/lib/config';
import { requestMeta } from '@/lib/http/request';
import { startSsoTestCommand } from '@/lib/sso/commands';

/**
 * "Test connection" opens this in a new tab: the builder's test sign-in starts at the identity
 * provider. A link, not a form: the Content-Security-Policy's form-action 'self' would stop a
 * form's redirect to the identity provider. Starting a test changes nothing but a request row,
 * which only the identity provider's signed answer can use. A refusal returns to the
 * connection's page with the reason.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId } = await params;
  const config = getConfig();
  const organizationId = request.nextUrl.searchParams.get('organizationId') ?? '';
  const slug = request.nextUrl.searchParams.get('slug') ?? '';
  const result = await startSsoTestCommand(
    await currentBuilder(),
    { organizationId, connectionId },
    { request: requestMeta(request.headers) },
  );
  if (result.ok) return NextResponse.redirect(result.data.url, 303);
  if (result.code === 'unauthenticated' || !/^[a-z0-9-]{1,80}$/.test(slug)) return errorResponse(result);
  const back = new URL(`/organizations/${slug}/sso/${encodeURIComponent(connectionId)}`, config.appUrl);
  back.searchParams.set('testError', result.code);
  return NextResponse.redirect(back, 303);
}
