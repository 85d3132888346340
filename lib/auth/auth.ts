import { PrismaAdapter } from '@auth/prisma-adapter';
import NextAuth from 'next-auth';
import Nodemailer from 'next-auth/providers/nodemailer';
import { getConfig } from '@/lib/config';
import { CONSOLE_ROW_SELECT, consoleRoleOf, recordConsoleSignIn } from '@/lib/console/access';
import { resolveConsoleRole } from '@/lib/console/roles';
import { db } from '@/lib/db/client';
import { autoJoinOnSignIn } from '@/lib/domains/auto-join';
import { normalizeEmail } from '@/lib/email/address';
import { isSignInRefused, recordMemberSignIn } from '@/lib/members/sign-in';
import { emailLinkPolicy, recordBreakGlassSignIns } from '@/lib/sso/policy';
import { SESSION_DAYS, SIGN_IN_LINK_MINUTES, sendSignInLink, signInAudience } from './sign-in-link';

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  const config = getConfig();
  const client = await db();
  const adapter = PrismaAdapter(client as never);
  // Auth.js builds its URLs and checks callback URLs against AUTH_URL: make it APP_URL, so the
  // internal host behind a proxy never splits the session cookie from the redirect.
  process.env.AUTH_URL ??= `${config.appUrl}/api/auth`;
  return {
    adapter: {
      ...adapter,
      // Only a console user's own email sign-in opens the console. The sessions an accepted
      // invitation or a member sign-in starts open the member area only, whoever's address they carry.
      createSession: async (session) => {
        const user = await client.user.findUnique({ where: { id: session.userId }, select: { email: true } });
        const audience =
          request && user && signInAudience(request.url, config.appUrl) === 'builder' && (await consoleRoleOf(client, user.email))
            ? 'console'
            : 'member';
        return client.session.create({ data: { ...session, audience } });
      },
      // The session, its user and the user's console row in one query: every console request
      // learns the caller's console role from it.
      getSessionAndUser: async (sessionToken) => {
        const row = await client.session.findUnique({
          where: { sessionToken },
          include: { user: { include: { consoleUser: { select: CONSOLE_ROW_SELECT } } } },
        });
        if (!row) return null;
        const { user, ...session } = row;
        return { session, user };
      },
    },
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
          await sendSignInLink(identifier, url);
        },
      }),
    ],
    callbacks: {
      // A link proves its address. Builder links reach builders only (sendSignInLink), and every
      // console page and action checks the builder list itself, so a member's session opens
      // nothing but the member area.
      // A member whose every membership is suspended is refused when they open the link (not when
      // they ask for it, which would tell anyone who is suspended).
      signIn: async ({ user, email }) => {
        if (email?.verificationRequest || !user.email || (await consoleRoleOf(client, user.email))) return true;
        if (await isSignInRefused(client, user.email)) return '/login/error?error=Suspended';
        // A link asked for before the organization required SSO doesn't get round it.
        return (await emailLinkPolicy(client, user.email)).refused ? '/login/error?error=SsoRequired' : true;
      },
      // Redirects stay on APP_URL's origin exactly (Auth.js's own base is the request's host,
      // which Next.js reports as localhost for 127.0.0.1).
      redirect: ({ url, baseUrl }) => {
        const app = new URL(config.appUrl);
        const target = new URL(url, app);
        if (target.origin !== app.origin && target.origin !== new URL(baseUrl).origin) return app.origin;
        return `${app.origin}${target.pathname}${target.search}${target.hash}`;
      },
      // The session's audience travels with it, so the console can refuse a member session; a
      // console session carries the console role its user holds now (suspending or demoting
      // someone takes effect on their next request).
      session: ({ session, user }) => {
        const audience = (session as { audience?: string }).audience === 'console' ? 'console' : 'member';
        const row = (user as { consoleUser?: Parameters<typeof resolveConsoleRole>[1] }).consoleUser ?? null;
        return {
          user: { id: user.id, name: user.name, email: user.email, image: user.image },
          expires: session.expires,
          audience,
          consoleRole: audience === 'console' ? resolveConsoleRole(user.email, row, config.builders) : null,
        };
      },
    },
    events: {
      // A console user's sign-in is recorded on their console row. A member's email sign-in
      // proves the address: auto-join may add them to organizations.
      signIn: async ({ user }) => {
        if (!user.id || !user.email) return;
        const now = new Date();
        if (await consoleRoleOf(client, user.email)) {
          await recordConsoleSignIn(client, { id: user.id, email: user.email }, now);
          return;
        }
        await autoJoinOnSignIn(client, user.id, now);
        await recordMemberSignIn(client, user.id, now);
        await recordBreakGlassSignIns(client, { id: user.id, email: user.email }, now);
      },
    },
  };
});
