import NextAuth from 'next-auth';
import Nodemailer from 'next-auth/providers/nodemailer';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { normalizeEmail } from '@/lib/email/address';
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

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const config = getConfig();
  return {
    adapter: PrismaAdapter((await db()) as never),
    secret: config.authSecret,
    trustHost: true,
    session: { strategy: 'database', maxAge: SESSION_DAYS * 24 * 60 * 60 },
    pages: { signIn: '/login', verifyRequest: '/login/check-email', error: '/login/error' },
    providers: [
      Nodemailer({
        server: config.mail.transport === 'smtp' ? config.mail.url : { host: 'localhost', port: 25 },
        from: config.emailFrom,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        normalizeIdentifier: (identifier) => {
          const address = normalizeEmail(identifier);
          if (!address) throw new Error('Invalid email address');
          return address;
        },
        sendVerificationRequest: async ({ identifier, url }) => {
          await sendBuilderSignInLink(identifier, url);
        },
      }),
    ],
    callbacks: {
      // Creating a link is always "allowed" so the response never reveals who is a builder;
      // using one requires the address to be a builder's.
      signIn: ({ user, email }) => (email?.verificationRequest ? true : isBuilderEmail(user.email, config.builders)),
    },
  };
});
