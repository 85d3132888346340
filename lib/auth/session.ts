import { cache } from 'react';
import type { Principal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { auth } from './auth';
import { isBuilderEmail } from './builders';

export type ConsoleUser = Extract<Principal, { kind: 'console_user' }>;

/**
 * The signed-in console user (a builder), or null: a member or an anonymous visitor is not one.
 * Looked up once per request: the layout, the metadata and the page share it.
 */
export const currentBuilder = cache(async (): Promise<ConsoleUser | null> => {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return null;
  // A builder's address is not enough: the session must come from a console sign-in.
  if ((session as { audience?: string }).audience !== 'console') return null;
  if (!isBuilderEmail(email, getConfig().builders)) return null;
  return { kind: 'console_user', userId, email };
});

/** Whoever is signed in, builder or member. */
export async function currentUser(): Promise<{ userId: string; email: string } | null> {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  return email && userId ? { userId, email } : null;
}
