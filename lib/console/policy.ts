import type { BuilderList } from '@/lib/auth/builders';
import { type ConsoleRole, type ConsoleUserRow, resolveConsoleRole } from './roles';

/** A console user row as the owner rule sees it. */
export interface ConsoleUserFact extends ConsoleUserRow {
  userId: string;
  email: string;
}

/** What a change would make of a console user: null when they are removed. */
export type ConsoleUserChange = { role: ConsoleRole } | { status: 'active' | 'suspended' } | null;

/**
 * How many console owners there would be after a change: the rows that resolve to Owner, plus the
 * ADMIN_EMAILS addresses that have never signed in (they are owners all the same). Pure.
 */
export function ownersAfter(rows: readonly ConsoleUserFact[], builders: BuilderList, userId: string, change: ConsoleUserChange): number {
  const after = rows.flatMap((row) => (row.userId !== userId ? [row] : change === null ? [] : [{ ...row, ...change }]));
  const fromRows = after.filter((row) => resolveConsoleRole(row.email, row, builders) === 'owner').length;
  const signedIn = new Set(rows.map((row) => row.email));
  const notYetSignedIn = [...builders.emails].filter((email) => !signedIn.has(email)).length;
  return fromRows + notYetSignedIn;
}

/**
 * The console keeps at least one owner: true when this change would take away the last one.
 * `rows` are every console user who is an owner now, read under lock.
 */
export function leavesNoConsoleOwner(rows: readonly ConsoleUserFact[], builders: BuilderList, userId: string, change: ConsoleUserChange) {
  return ownersAfter(rows, builders, userId, change) < 1;
}

/** Why a console user can't be changed from the Team page, or null when they can. Pure. */
export function whyNotEditable(
  target: ConsoleUserFact,
  builders: BuilderList,
  actorUserId: string,
  action: 'role' | 'suspend' | 'reactivate' | 'remove',
): 'from_admin_emails' | 'not_yourself' | null {
  // ADMIN_EMAILS decides its owners; a row it no longer covers may only be removed.
  if (target.source === 'bootstrap') {
    const stillOwner = resolveConsoleRole(target.email, null, builders) === 'owner';
    if (stillOwner || action !== 'remove') return 'from_admin_emails';
  }
  if (target.userId === actorUserId && (action === 'suspend' || action === 'remove')) return 'not_yourself';
  return null;
}
