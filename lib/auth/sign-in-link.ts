import { getConfig } from '@/lib/config';
import { sendEmail } from '@/lib/email/mailer';
import { renderSignInLink } from '@/emails/sign-in-link';
import { isBuilderEmail } from './builders';
import { confirmationLinkFromCallback } from './links';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 7;

/** Sends the link, but only to builders: everybody else sees the same page and gets nothing. */
export async function sendBuilderSignInLink(identifier: string, callbackUrl: string) {
  const config = getConfig();
  if (!isBuilderEmail(identifier, config.builders)) return { sent: false };
  const url = confirmationLinkFromCallback(callbackUrl, config.appUrl);
  await sendEmail({
    to: identifier,
    ...renderSignInLink({ url, host: new URL(config.appUrl).host, expiresInMinutes: SIGN_IN_LINK_MINUTES }),
  });
  return { sent: true };
}
