/** Member roles, least privileged first. Owners and admins form the operating team. */
export const MEMBER_ROLES = ['member', 'admin', 'owner'] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];
export const LEAST_PRIVILEGED_ROLE: MemberRoleName = 'member';

export const ROLE_LABELS: Record<MemberRoleName, { label: string; description: string }> = {
  member: { label: 'Member', description: 'Uses the organization’s workspace. No administration.' },
  admin: { label: 'Admin', description: 'Operating team: manages members, invitations and settings.' },
  owner: { label: 'Owner', description: 'Operating team, with every permission, including deleting the organization.' },
};

export function isOperatingTeamRole(role: MemberRoleName): boolean {
  return role === 'owner' || role === 'admin';
}
