import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { type ConsoleRole, resolveConsoleRole } from './roles';

const ROW = { role: true, source: true, status: true } as const;

/** Someone's console role by address, or null: one query, the same for every address. */
export async function consoleRoleOf(client: DbOrTx, email: string): Promise<ConsoleRole | null> {
  const user = await client.user.findUnique({ where: { email }, select: { consoleUser: { select: ROW } } });
  return resolveConsoleRole(email, user?.consoleUser ?? null, getConfig().builders);
}

/** The select that brings a user's console row along with their session (one query per request). */
export const CONSOLE_ROW_SELECT = ROW;

/**
 * A console sign-in: an ADMIN_EMAILS address gets its row (an owner from the variable) the first
 * time, so the Team page lists it; everyone's last sign-in moves forward.
 */
export async function recordConsoleSignIn(client: DbOrTx, user: { id: string; email: string }, now: Date) {
  if (resolveConsoleRole(user.email, null, getConfig().builders) === 'owner') {
    await client.consoleUser.upsert({
      where: { userId: user.id },
      create: { userId: user.id, role: 'owner', source: 'bootstrap', lastSignInAt: now, createdAt: now },
      update: { lastSignInAt: now },
    });
    return;
  }
  await client.consoleUser.updateMany({ where: { userId: user.id }, data: { lastSignInAt: now } });
}
