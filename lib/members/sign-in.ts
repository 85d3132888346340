import { systemPrincipal } from '@/lib/commands/principal';
import type { Db, DbOrTx } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { maySignIn } from './policy';

/** True when this address belongs to a member whose every membership is suspended. */
export async function isSignInRefused(client: DbOrTx, email: string): Promise<boolean> {
  const memberships = await client.membership.findMany({ where: { user: { email } }, select: { status: true } });
  return !maySignIn(memberships.map((m) => m.status));
}

/**
 * A member signed in: each active membership records it, for "last sign-in" and the launch check.
 * A first sign-in in an organization confirms login for its launch check: that organization is
 * recomputed (later sign-ins change nothing the check reads).
 */
export async function recordMemberSignIn(client: Db, userId: string, now: Date): Promise<void> {
  const first = await client.membership.findMany({
    where: { userId, status: 'active', lastSignInAt: null },
    select: { organizationId: true },
  });
  await client.membership.updateMany({ where: { userId, status: 'active' }, data: { lastSignInAt: now } });
  for (const { organizationId } of first) {
    await client.$transaction((tx) =>
      recomputeOrganizationState(tx, organizationId, now, {
        principal: systemPrincipal('first sign-in'),
        request: { ip: null, requestId: null },
      }),
    );
  }
}

/**
 * A suspended member can't sign in: once no active membership is left, their member sessions end.
 * Console sessions are a builder's and stay.
 */
export async function endSessionsIfNoActiveMembership(client: DbOrTx, userId: string): Promise<void> {
  const active = await client.membership.count({ where: { userId, status: 'active' } });
  if (active === 0) await client.session.deleteMany({ where: { userId, audience: 'member' } });
}
