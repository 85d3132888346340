import { type NextRequest, NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { clientIp, requestMeta } from '@/lib/http/request';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { completeSamlSignIn } from '@/lib/sso/flow';
import { outcomeRedirect } from '../../../outcome';

/**
 * The Assertion Consumer Service: the identity provider's page posts the SAMLResponse here (a
 * cross-site form post, so no cookie is needed: the request it answers is in the database). A test
 * goes to its result page in the console; a sign-in to the single-use ticket; a refusal to a page
 * that tells the person what to do. Nothing here trusts the response before lib/sso checks it.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId } = await params;
  const config = getConfig();
  const client = await db();
  const now = new Date();
  const refused = (code: string) =>
    NextResponse.redirect(new URL(`/account/login/sso-error?code=${encodeURIComponent(code)}`, config.appUrl), 303);
  if (!/^[0-9a-f-]{36}$/.test(connectionId)) return refused('sso_unknown_connection');
  const limit = await hitRateLimit(client, `sso-acs:ip:${clientIp(request.headers)}`, RATE_LIMITS.ssoAcsPerIp, now);
  if (!limit.allowed) return refused('rate_limited');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refused('saml_malformed');
  }
  const samlResponse = form.get('SAMLResponse');
  const relayState = form.get('RelayState');
  if (typeof samlResponse !== 'string' || !samlResponse) return refused('saml_malformed');
  const outcome = await completeSamlSignIn(
    client,
    connectionId,
    samlResponse,
    typeof relayState === 'string' ? relayState : null,
    now,
    requestMeta(request.headers),
  );
  return outcomeRedirect(outcome, config.appUrl);
}
