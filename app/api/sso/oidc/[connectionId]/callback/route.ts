import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { clientIp, requestMeta } from '@/lib/http/request';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { completeOidcCallback } from '@/lib/sso/flow';
import { outcomeRedirect } from '../../../outcome';

/**
 * The OpenID Connect redirect URI: the identity provider sends the browser back here with a code
 * (or an error). lib/sso checks everything before anyone is signed in.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId } = await params;
  const config = getConfig();
  const client = await db();
  const now = new Date();
  if (!/^[0-9a-f-]{36}$/.test(connectionId))
    return outcomeRedirect({ kind: 'refused', code: 'sso_unknown_connection', message: '' }, config.appUrl);
  const limit = await hitRateLimit(client, `sso-acs:ip:${clientIp(request.headers)}`, RATE_LIMITS.ssoAcsPerIp, now);
  if (!limit.allowed) return outcomeRedirect({ kind: 'refused', code: 'rate_limited', message: '' }, config.appUrl);
  const outcome = await completeOidcCallback(client, connectionId, request.nextUrl.searchParams, now, requestMeta(request.headers));
  return outcomeRedirect(outcome, config.appUrl);
}
