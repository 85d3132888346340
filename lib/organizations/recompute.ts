import type { Db, DbOrTx } from '@/lib/db/client';
import { loadOrganizationFacts } from './facts';
import { countPendingInvitations, deriveOrganizationState, nextStateChangeAt, type DerivedState } from './state';

/**
 * Locks one organization's row for the rest of the transaction, so changes to its facts
 * serialize. False when it does not exist.
 */
export async function lockOrganization(tx: DbOrTx, organizationId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

/**
 * Recomputes the stored state of one organization from its facts. Call it inside the transaction
 * of every change to those facts. It locks the organization row first, so concurrent changes
 * serialize and the last writer reads every committed fact.
 */
export async function recomputeOrganizationState(
  tx: DbOrTx,
  organizationId: string,
  now: Date,
): Promise<DerivedState | null> {
  if (!(await lockOrganization(tx, organizationId))) return null;
  const facts = await loadOrganizationFacts(tx, organizationId);
  if (!facts) return null;
  const derived = deriveOrganizationState(facts, now);
  await tx.organization.update({
    where: { id: organizationId },
    data: {
      state: derived.state,
      stateReasons: derived.reasons as unknown as object[],
      stateValidUntil: nextStateChangeAt(facts, now),
      memberCount: facts.memberCount,
      pendingInvitationCount: countPendingInvitations(facts, now),
      verifiedDomainCount: facts.domains.filter((domain) => domain.status === 'verified').length,
    },
  });
  return derived;
}

/**
 * Catches up the organizations whose stored state has run out of validity (an invitation expired,
 * the activity window closed) so every read sees the exact state. Cheap when nothing is due:
 * one index probe on state_valid_until.
 */
export async function catchUpOrganizationStates(client: Db, now: Date, where?: { organizationId: string }) {
  let total = 0;
  for (;;) {
    const due = await client.organization.findMany({
      where: { stateValidUntil: { lte: now }, ...(where ? { id: where.organizationId } : {}) },
      select: { id: true },
      take: 200,
    });
    if (!due.length) return total;
    for (const { id } of due) {
      await client.$transaction((tx) => recomputeOrganizationState(tx, id, now));
    }
    total += due.length;
    if (due.length < 200) return total;
  }
}
