import { renderSignInLink } from '@/emails/sign-in-link';
import { getConfig } from '@/lib/config';
import { sendEmail } from '@/lib/email/mailer';
import { isBuilderEmail } from './builders';
import { confirmationLinkFromCallback } from './links';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 7;

export type SignInAudience = 'builder' | 'member';

/** Links that return to the member area are member sign-ins; every other link is a builder's. */
export function signInAudience(callbackUrl: string, appUrl: string): SignInAudience {
  const target = new URL(callbackUrl).searchParams.get('callbackUrl') ?? '';
  const path = target ? new URL(target, appUrl).pathname : '';
  return path === '/account' || path.startsWith('/account/') ? 'member' : 'builder';
}

/**
 * Sends a sign-in link. Builder links go only to builders: everybody else sees the same page and
 * gets nothing. Member links go to any address; they open only the member area.
 */
export async function sendSignInLink(identifier: string, callbackUrl: string) {
  const config = getConfig();
  const audience = signInAudience(callbackUrl, config.appUrl);
  if (audience === 'builder' && !isBuilderEmail(identifier, config.builders)) return { sent: false, audience };
  const url = confirmationLinkFromCallback(callbackUrl, config.appUrl);
  await sendEmail({
    to: identifier,
    ...renderSignInLink({ url, host: new URL(config.appUrl).host, expiresInMinutes: SIGN_IN_LINK_MINUTES, audience }),
  });
  return { sent: true, audience };
}
