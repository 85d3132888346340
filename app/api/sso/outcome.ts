import { NextResponse } from 'next/server';
import type { AcsOutcome } from '@/lib/sso/flow';

/** Where an outcome of any SSO sign-in sends the browser: a test's result, the ticket, or the refusal page. */
export function outcomeRedirect(outcome: AcsOutcome, appUrl: string): NextResponse {
  if (outcome.kind === 'test' && outcome.setupLinkId) {
    // Back to the setup link's visitor, whose browser holds the link (app/setup/return).
    return NextResponse.redirect(new URL(`/setup/return/${outcome.attemptId}`, appUrl), 303);
  }
  if (outcome.kind === 'test') {
    return NextResponse.redirect(
      new URL(`/organizations/${outcome.organizationSlug}/sso/${outcome.connectionId}/attempts/${outcome.attemptId}`, appUrl),
      303,
    );
  }
  if (outcome.kind === 'refused') {
    return NextResponse.redirect(new URL(`/account/login/sso-error?code=${encodeURIComponent(outcome.code)}`, appUrl), 303);
  }
  const landing = new URL(`/account/sso/${outcome.ticket}`, appUrl);
  // A sign-in started from an application's sign-in page goes back there (the ticket route checks the path).
  if (outcome.returnTo) landing.searchParams.set('next', outcome.returnTo);
  const response = NextResponse.redirect(landing, 303);
  // The ticket travels in the address only to this site; it must not leak onward.
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
}
