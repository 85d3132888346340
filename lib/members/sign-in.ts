import type { DbOrTx } from '@/lib/db/client';
import { maySignIn } from './policy';

/** True when this address belongs to a member whose every membership is suspended. */
export async function isSignInRefused(client: DbOrTx, email: string): Promise<boolean> {
  const memberships = await client.membership.findMany({ where: { user: { email } }, select: { status: true } });
  return !maySignIn(memberships.map((m) => m.status));
}

/** A member signed in: each active membership records it, for "last sign-in" and the launch check. */
export async function recordMemberSignIn(client: DbOrTx, userId: string, now: Date): Promise<void> {
  await client.membership.updateMany({ where: { userId, status: 'active' }, data: { lastSignInAt: now } });
}

/**
 * A suspended member can't sign in: once no active membership is left, their member sessions end.
 * Console sessions are a builder's and stay.
 */
export async function endSessionsIfNoActiveMembership(client: DbOrTx, userId: string): Promise<void> {
  const active = await client.membership.count({ where: { userId, status: 'active' } });
  if (active === 0) await client.session.deleteMany({ where: { userId, audience: 'member' } });
}
