import crypto from 'node:crypto';
import type { DbOrTx } from '@/lib/db/client';
import { SESSION_DAYS } from './sign-in-link';

/** Auth.js's database-session cookie, with its __Secure- prefix on https. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith('https:') ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

/** The cookie that ends a browser's session: the same name and attributes, emptied and expired at once. */
export function expiredSessionCookie(appUrl: string) {
  return {
    name: sessionCookieName(appUrl),
    value: '',
    options: { httpOnly: true, sameSite: 'lax' as const, secure: appUrl.startsWith('https:'), path: '/', maxAge: 0 },
  };
}

/**
 * Ends the Orgdesk session a browser's cookie names (console or member), optionally only when it
 * is `userId`'s: its row goes, so the cookie signs nobody in. True when a session ended.
 */
export async function endSessionByToken(client: DbOrTx, sessionToken: string | undefined, userId?: string): Promise<boolean> {
  if (!sessionToken) return false;
  const ended = await client.session.deleteMany({ where: { sessionToken, ...(userId ? { userId } : {}) } });
  return ended.count > 0;
}

/**
 * Starts an Auth.js database session for a user (after accepting an invitation, or an SSO
 * sign-in, whose connection the session remembers: disabling it ends the session).
 */
export async function createSession(client: DbOrTx, userId: string, now: Date, ssoConnectionId: string | null = null) {
  const sessionToken = crypto.randomBytes(32).toString('hex');
  const expires = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  // A member session, always: an invitation link never opens the console.
  await client.session.create({ data: { sessionToken, userId, expires, audience: 'member', ssoConnectionId } });
  return { sessionToken, expires };
}

/** Sets the member session's cookie on a response, as Auth.js would: httpOnly, SameSite=Lax, Secure on https. */
export function setMemberSessionCookie(
  response: { cookies: { set(name: string, value: string, options: Record<string, unknown>): unknown } },
  appUrl: string,
  session: { sessionToken: string; expires: Date },
) {
  response.cookies.set(sessionCookieName(appUrl), session.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: appUrl.startsWith('https:'),
    path: '/',
    expires: session.expires,
  });
}
