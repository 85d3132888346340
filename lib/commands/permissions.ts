import { type Principal, principalOrganization } from './principal';

/**
 * The permission catalog: every name a command may require. The roles issue maps roles to these
 * names; until then every console user holds all of them.
 */
export const PERMISSIONS = {
  'organizations.create': 'Create organizations.',
  'organizations.manage': 'Rename an organization and change its slug.',
  'organizations.suspend': 'Suspend and reactivate an organization.',
  'organizations.delete': 'Delete an organization.',
  'members.manage': 'Change members’ roles, suspend and remove members.',
  'invitations.send': 'Review and send invitations, and send test invitations.',
  'invitations.manage': 'Resend and revoke invitations.',
  'invitations.accept': 'Accept an invitation, with its link.',
  'domains.manage': 'Add, verify and remove domains.',
  'auto_join.manage': 'Turn auto-join on and off, and choose its role.',
  'audit.read': 'Read and export the audit log.',
  'jobs.manage': 'See background jobs and retry dead ones.',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** What each organization role may do, for members acting in their own organization. */
const MEMBER_ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  owner: ALL_PERMISSIONS.filter((p) => p !== 'organizations.create' && p !== 'invitations.accept'),
  admin: ['members.manage', 'invitations.send', 'invitations.manage', 'domains.manage', 'auto_join.manage', 'audit.read'],
  member: [],
};

/** The permissions a principal holds. Pure. */
export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  switch (principal.kind) {
    case 'console_user':
    case 'system':
      return new Set(ALL_PERMISSIONS);
    case 'member':
      return new Set(MEMBER_ROLE_PERMISSIONS[principal.role] ?? []);
    case 'api_key':
      return new Set(principal.permissions.filter((p): p is Permission => p in PERMISSIONS));
    case 'directory':
      return new Set<Permission>(['members.manage']);
    case 'invitation_link':
      return new Set<Permission>(['invitations.accept']);
  }
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return permissionsOf(principal).has(permission);
}

/** Whether a principal may reach an organization at all. Outside it, everything is "not found". */
export function canReachOrganization(principal: Principal, organizationId: string): boolean {
  const bound = principalOrganization(principal);
  return bound === null || bound === organizationId;
}
