import { getConfig } from '@/lib/config';
import { auth } from './auth';
import { isBuilderEmail } from './builders';

export type Actor = { kind: 'builder'; userId: string; email: string };

/** The signed-in builder, or null: a member or an anonymous visitor is not a builder. */
export async function currentBuilder(): Promise<Actor | null> {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return null;
  if (!isBuilderEmail(email, getConfig().builders)) return null;
  return { kind: 'builder', userId, email };
}

/** Whoever is signed in, builder or member. */
export async function currentUser(): Promise<{ userId: string; email: string } | null> {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  return email && userId ? { userId, email } : null;
}
