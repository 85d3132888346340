import { cache } from 'react';
import type { Principal } from '@/lib/commands/principal';
import { isConsoleRole } from '@/lib/console/roles';
import { auth } from './auth';

export type ConsoleUser = Extract<Principal, { kind: 'console_user' }>;

/**
 * The signed-in console user (a builder) with their console role, or null: a member, a suspended
 * or removed console user, or an anonymous visitor is not one. Looked up once per request: the
 * layout, the metadata and the page share it.
 */
export const currentBuilder = cache(async (): Promise<ConsoleUser | null> => {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return null;
  // A console role is not enough: the session must come from a console sign-in (the session
  // callback in auth.ts gives a console role to console sessions only).
  const role = (session as { consoleRole?: unknown }).consoleRole;
  if ((session as { audience?: string }).audience !== 'console' || !isConsoleRole(role)) return null;
  return { kind: 'console_user', userId, email, role };
});

/** Whoever is signed in, builder or member. */
export async function currentUser(): Promise<{ userId: string; email: string } | null> {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  return email && userId ? { userId, email } : null;
}
