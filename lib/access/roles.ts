/**
 * Roles are rows (`roles`); memberships, invitations and auto-join hold a role's key. These are
 * the default roles, which exist in every installation, least privileged first. Whether a role
 * belongs to the operating team is the role's `operating_team` column; for the defaults, owners
 * and admins.
 */
export const MEMBER_ROLES = ['member', 'admin', 'owner'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];
/** A role's key: a default's, or a custom role's. */
export type RoleKey = string;

export function isDefaultRole(key: RoleKey): key is MemberRoleName {
  return (MEMBER_ROLES as readonly string[]).includes(key);
}
export const LEAST_PRIVILEGED_ROLE: MemberRoleName = 'member';

export const ROLE_LABELS: Record<MemberRoleName, { label: string; description: string }> = {
  member: { label: 'Member', description: 'Uses the organization’s workspace. No administration.' },
  admin: { label: 'Admin', description: 'Operating team: manages members, invitations and settings.' },
  owner: { label: 'Owner', description: 'Operating team, with every permission, including deleting the organization.' },
};

/** Auto-join grants Member by default, Admin at most, and never Owner. */
export const AUTO_JOIN_ROLES = ['member', 'admin'] as const satisfies readonly MemberRoleName[];

/**
 * The higher of two roles: accepting an invitation never lowers a member's role. Defaults are
 * ranked; a custom role has no rank against another role, so the current one (`a`) stays.
 */
export function higherRole(a: RoleKey, b: RoleKey): RoleKey {
  if (!isDefaultRole(a) || !isDefaultRole(b)) return a;
  return MEMBER_ROLES.indexOf(a) >= MEMBER_ROLES.indexOf(b) ? a : b;
}
