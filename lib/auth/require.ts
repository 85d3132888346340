import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';
import { safeCallbackPath } from './links';
import { type ConsoleUser, currentBuilder } from './session';

/**
 * For console pages: the builder, or a redirect to sign-in. When the database doesn't answer,
 * nobody is signed out: the visitor is told the service is unavailable instead of being sent to
 * a sign-in that can't work either.
 */
export async function requireBuilderPage(returnTo?: string): Promise<ConsoleUser> {
  const actor = await currentBuilder().catch(() => null);
  if (actor) return actor;
  const database = await db().then(
    (client) => checkDatabase(client, 2_000),
    () => ({ ok: false as const }),
  );
  if (!database.ok) redirect(`/unavailable${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
  redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
}

/** Where "Try again" goes from the unavailable page: a same-origin path only. */
export function retryPath(returnTo: string | undefined, appUrl: string): string {
  return safeCallbackPath(returnTo, appUrl, '/organizations');
}
