import { type AttributedEvents, type AuditEventInput, attributedAuditInsertStatement } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { systemPrincipal } from '@/lib/commands/principal';
import type { Db, DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { invitationTemplateFingerprint } from '@/lib/invitations/fingerprint';
import { loadOrganizationFacts } from './facts';
import { deriveLaunchChecks, launchCheckTitle, launchRank, newlyFailing, nextLaunchChangeAt, summarizeLaunch } from './launch';
import { countPendingInvitations, type DerivedState, deriveOrganizationState, nextStateChangeAt } from './state';

/** Who caused a recompute, for the state-change event. */
export type StateChangeCause = Pick<CommandContext, 'principal' | 'request'>;

const SCHEDULER: StateChangeCause = { principal: systemPrincipal('state catch-up'), request: { ip: null, requestId: null } };

/** The organizations whose row each open transaction has locked (keyed by its transaction client). */
const lockedIn = new WeakMap<object, Set<string>>();

/** Records that `tx` holds `organizationId`'s row lock (taken by a statement of its own). */
export function noteOrganizationLocked(tx: DbOrTx, organizationId: string) {
  const held = lockedIn.get(tx) ?? new Set<string>();
  held.add(organizationId);
  lockedIn.set(tx, held);
}

/**
 * Locks one organization's row for the rest of the transaction, so changes to its facts
 * serialize. False when it does not exist.
 */
export async function lockOrganization(tx: DbOrTx, organizationId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  if (locked.length) noteOrganizationLocked(tx, organizationId);
  return locked.length > 0;
}

/**
 * Recomputes the stored state of one organization from its facts. Call it inside the transaction
 * of every change to those facts. It holds the organization's row lock before it reads (taking it
 * when the transaction doesn't hold it yet), so concurrent changes serialize and the last writer
 * reads every committed fact. A change of state is an audit event,
 * attributed to `cause` (the scheduler when time alone changed it). `events` are the caller's own
 * audit events for the change, by the same principal: they are written with the state change's in
 * one statement, with `attributed`: events of other requests (a batch of SCIM creates), each with
 * its own request's context.
 */
export async function recomputeOrganizationState(
  tx: DbOrTx,
  organizationId: string,
  now: Date,
  cause: StateChangeCause = SCHEDULER,
  events: readonly AuditEventInput[] = [],
  attributed: readonly AttributedEvents[] = [],
): Promise<DerivedState | null> {
  // The lock first, in a statement of its own, unless the transaction holds it already: a
  // statement that waits for the lock and reads the facts would read them as they were before
  // the holder committed (its snapshot is taken before the wait), and store a stale state.
  if (!lockedIn.get(tx)?.has(organizationId) && !(await lockOrganization(tx, organizationId))) return null;
  const loaded = await loadOrganizationFacts(tx, organizationId);
  if (!loaded) return null;
  const { facts } = loaded;
  const derived = deriveOrganizationState(facts, now);
  const before = loaded.state;
  const audit: AuditEventInput[] = [...events];
  // The launch check, stored with the state (the list shows it); after launch, a check that starts
  // failing is an audited event. It never un-launches the organization.
  const launchChecks = deriveLaunchChecks({ ...loaded.launch, state: derived.state }, now, await invitationTemplateFingerprint());
  const launch = summarizeLaunch(launchChecks);
  if (loaded.launchedAt) {
    for (const key of newlyFailing(loaded.launchFailing, launch.failing)) {
      audit.push({
        organizationId,
        action: 'organization.launch_check_failed',
        target: { type: 'organization', id: organizationId, label: loaded.slug },
        summary: { check: key, title: launchCheckTitle(key), detail: launchChecks.find((c) => c.key === key)?.detail ?? null },
      });
    }
  }
  if (before !== derived.state) {
    audit.push({
      organizationId,
      action: 'organization.state_changed',
      target: { type: 'organization', id: organizationId, label: loaded.slug },
      summary: { state: { before, after: derived.state }, reasons: derived.reasons },
    });
  }
  // One statement: the stored state and the change's audit events.
  const lastActivityAt = lastActivity(loaded.lastActivityAt, cause, facts.lastEndUserActivityAt, now);
  await tx.$executeRaw`
    WITH updated AS (
      UPDATE organizations SET
        state = ${derived.state}::"OrganizationState",
        state_reasons = ${JSON.stringify(derived.reasons)}::jsonb,
        state_valid_until = ${earliest(nextStateChangeAt(facts, now), nextLaunchChangeAt(loaded.launch, now))},
        launch_passed = ${launch.passed},
        launch_applicable = ${launch.applicable},
        launch_failing = ${launch.failing}::text[],
        launch_rank = ${launchRank(launch, loaded.launchedAt !== null)},
        member_count = ${facts.memberCount},
        pending_invitation_count = ${countPendingInvitations(facts, now)},
        verified_domain_count = ${facts.domains.filter((domain) => domain.status === 'verified').length},
        last_activity_at = ${lastActivityAt},
        end_user_activity_at = ${facts.lastEndUserActivityAt},
        updated_at = ${new Date()}
      WHERE id = ${organizationId}::uuid
      RETURNING id
    )${
      audit.length || attributed.length
        ? Prisma.sql`, audited AS (${attributedAuditInsertStatement([...attributed, { context: { ...cause, now }, events: audit }])})`
        : Prisma.empty
    }
    SELECT count(*) FROM updated`;
  return derived;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/**
 * The organization's last activity after a recompute: a change by a person or an app counts (the
 * scheduler's time-based recomputes and delivery reports don't), and so does end-user activity.
 */
export function lastActivity(current: Date, cause: StateChangeCause, endUserActivityAt: Date | null, now: Date): Date {
  const candidates = [current.getTime(), endUserActivityAt?.getTime() ?? 0];
  if (cause.principal.kind !== 'system') candidates.push(now.getTime());
  return new Date(Math.max(...candidates));
}

/**
 * Makes the stored state of every organization with a member in `roleKey` due now, for the
 * scheduler and the next read to recompute: for a change to who is in the operating team (a role's
 * flag, or its members moved to a role with the other flag), which changes whose activity is
 * end-user activity there.
 */
export async function markStatesDueForRoleMembers(tx: DbOrTx, roleKey: string, now: Date) {
  await tx.$executeRaw`
    UPDATE organizations SET state_valid_until = ${now}
    WHERE id IN (SELECT organization_id FROM memberships WHERE role = ${roleKey})
      AND (state_valid_until IS NULL OR state_valid_until > ${now})`;
}

/**
 * Catches up the organizations whose stored state has run out of validity (an invitation expired,
 * the activity window closed). The scheduler runs it on its own; reads may run it too, so every
 * read sees the exact state. Each organization is recomputed in its own short transaction, taken
 * with SKIP LOCKED, so instances share the work and nobody waits on a row another is writing
 * (one organization per transaction also keeps the state counters' row locks in one order).
 * Cheap when nothing is due: one index probe.
 */
export async function catchUpOrganizationStates(client: Db, now: Date, where?: { organizationId: string }) {
  let total = 0;
  for (;;) {
    const due = await client.$queryRaw<{ id: string }[]>`
      SELECT id FROM organizations
      WHERE state_valid_until <= ${now} ${where ? Prisma.sql`AND id = ${where.organizationId}::uuid` : Prisma.empty}
      ORDER BY state_valid_until
      LIMIT 200`;
    let done = 0;
    for (const { id } of due) {
      const recomputed = await client.$transaction(async (tx) => {
        const claimed = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM organizations WHERE id = ${id}::uuid AND state_valid_until <= ${now} FOR UPDATE SKIP LOCKED`;
        if (!claimed.length) return false;
        noteOrganizationLocked(tx, id);
        await recomputeOrganizationState(tx, id, now);
        return true;
      });
      if (recomputed) done++;
    }
    total += done;
    // Stop when nothing more is due, or when every due row is another instance's to finish.
    if (due.length < 200 || done === 0) return total;
  }
}
