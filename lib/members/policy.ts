import type { RoleKey } from '@/lib/access/roles';

/** A membership as the rules see it. */
export interface MemberFact {
  role: RoleKey;
  status: 'active' | 'suspended';
}

/** What a member action would make of a membership: null when it is removed. */
export type MemberChange = { role: RoleKey } | { status: 'active' | 'suspended' } | null;

function isActiveOwner(member: MemberFact | null): boolean {
  return member !== null && member.role === 'owner' && member.status === 'active';
}

export function applyChange(member: MemberFact, change: MemberChange): MemberFact | null {
  return change === null ? null : { ...member, ...change };
}

/**
 * Every organization keeps at least one active owner: true when this change would take away the
 * last one. Pure; the caller counts active owners under the organization's lock.
 */
export function leavesNoActiveOwner(activeOwners: number, member: MemberFact, change: MemberChange): boolean {
  return isActiveOwner(member) && !isActiveOwner(applyChange(member, change)) && activeOwners <= 1;
}

/** Whether a role change moves someone into or out of the operating team: the UI asks first. */
export function crossesOperatingTeam(from: { operatingTeam: boolean }, to: { operatingTeam: boolean }): boolean {
  return from.operatingTeam !== to.operatingTeam;
}

/**
 * Whether a member may sign in: someone with no organization yet may (to accept an invitation or
 * auto-join); someone whose every membership is suspended may not.
 */
export function maySignIn(statuses: readonly MemberFact['status'][]): boolean {
  return statuses.length === 0 || statuses.includes('active');
}
