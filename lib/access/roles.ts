/** Member roles, least privileged first. Owners and admins form the operating team. */
export const MEMBER_ROLES = ['member', 'admin', 'owner'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];
export const LEAST_PRIVILEGED_ROLE: MemberRoleName = 'member';

export const ROLE_LABELS: Record<MemberRoleName, { label: string; description: string }> = {
  member: { label: 'Member', description: 'Uses the organization’s workspace. No administration.' },
  admin: { label: 'Admin', description: 'Operating team: manages members, invitations and settings.' },
  owner: { label: 'Owner', description: 'Operating team, with every permission, including deleting the organization.' },
};

export const OPERATING_TEAM_ROLES: readonly MemberRoleName[] = ['admin', 'owner'];

export function isOperatingTeamRole(role: MemberRoleName): boolean {
  return OPERATING_TEAM_ROLES.includes(role);
}

/** Auto-join grants Member by default, Admin at most, and never Owner. */
export const AUTO_JOIN_ROLES = ['member', 'admin'] as const satisfies readonly MemberRoleName[];

/** The higher of two roles: accepting an invitation never lowers a member's role. */
export function higherRole(a: MemberRoleName, b: MemberRoleName): MemberRoleName {
  return MEMBER_ROLES.indexOf(a) >= MEMBER_ROLES.indexOf(b) ? a : b;
}
