import type { ConsoleRole } from '@/lib/console/roles';
import { intentPermissions, intentsAllow } from '@/lib/setup-links/intents';
import { type Principal, principalOrganization } from './principal';

/**
 * The console's permissions: every name a command may require. The `permissions` table holds the
 * same keys (kind 'console', seeded by the roles_as_data migration and later ones) beside builders'
 * own keys; `role_permissions` says which organization roles hold which. Console users hold what
 * their console role gives (`CONSOLE_ROLE_PERMISSIONS`).
 */
export const PERMISSIONS = {
  'organizations.create': 'Create organizations.',
  'organizations.read': 'Read organizations, their domains, and the roles and permission catalog (the REST API).',
  'members.read': 'Read members, their effective permissions and invitations (the REST API).',
  'organizations.manage': 'Rename an organization and change its slug.',
  'organizations.suspend': 'Suspend and reactivate an organization.',
  'organizations.delete': 'Delete an organization.',
  'organizations.launch': 'Mark an organization as launched once every applicable launch check passes.',
  'organizations.launch_override': 'Mark an organization as launched despite failing checks, with a reason.',
  'members.manage': 'Change members’ roles, suspend and remove members.',
  'invitations.send': 'Review and send invitations, and send test invitations.',
  'invitations.manage': 'Resend and revoke invitations.',
  'invitations.accept': 'Accept an invitation, with its link.',
  'domains.manage': 'Add, verify and remove domains.',
  'auto_join.manage': 'Turn auto-join on and off, and choose its role.',
  'sso.manage': 'Create, configure, enable, disable and delete SSO connections.',
  'directory.manage': 'Create directories, rotate and revoke their tokens, and change their settings.',
  'directory.sync': 'Push users and groups over SCIM (a directory’s own token).',
  'setup_links.manage': 'Create, email and revoke setup links that hand domain, SSO and directory setup to an organization’s IT admin.',
  'audit.read': 'Read and export the audit log.',
  'jobs.manage': 'See background jobs and retry dead ones.',
  'roles.manage': 'Create, change and delete roles, and the app’s own permission keys.',
  'groups.manage': 'Create and change groups, their members and their roles.',
  'console.manage': 'Invite console users, change their console roles, suspend and remove them.',
  'api_keys.manage': 'Create and revoke API keys for the builder’s app.',
  'activity.report': 'Report end-user activity from the builder’s app.',
  'webhooks.manage': 'Add, change, disable and delete webhook endpoints, and re-send deliveries.',
  'applications.manage': 'Register the builder’s applications that sign in through Orgdesk, rotate their secrets and the signing keys.',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * Console-wide powers: no organization role can hold them, whatever a role row says. A member or
 * an API key acts inside one organization.
 */
export const CONSOLE_ONLY_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'organizations.create',
  'invitations.accept',
  'jobs.manage',
  'roles.manage',
  'console.manage',
  'directory.sync',
  'organizations.launch_override',
  'api_keys.manage',
  'webhooks.manage',
  'applications.manage',
]);

/**
 * What an API key may be given: the command layer's permissions, less those that only a person
 * may hold (the console's own team, accepting an invitation, a directory's SCIM push). Pure.
 */
export const NOT_FOR_API_KEYS: ReadonlySet<Permission> = new Set<Permission>([
  'console.manage',
  'invitations.accept',
  'directory.sync',
  'organizations.launch_override',
  'api_keys.manage',
  'webhooks.manage',
  'applications.manage',
]);

export const API_KEY_SCOPES: readonly Permission[] = ALL_PERMISSIONS.filter((p) => !NOT_FOR_API_KEYS.has(p));

/** Console-wide powers a key restricted to one organization can't use (it acts inside that organization). */
export const CONSOLE_WIDE_SCOPES: ReadonlySet<Permission> = new Set<Permission>(['organizations.create', 'jobs.manage', 'roles.manage']);

/** The permissions a key acts with: its scopes, less what it may never hold and, when restricted, the console-wide ones. */
export function apiKeyPermissions(scopes: readonly string[], restricted: boolean): Permission[] {
  return API_KEY_SCOPES.filter((p) => scopes.includes(p) && !(restricted && CONSOLE_WIDE_SCOPES.has(p)));
}

/**
 * What each console role holds. Owner: everything. Admin: everything but the console's own users
 * and overriding a launch check.
 * Viewer: reading only, which includes the audit log and its export.
 */
export const CONSOLE_ROLE_PERMISSIONS: Record<ConsoleRole, ReadonlySet<Permission>> = {
  owner: new Set(ALL_PERMISSIONS),
  admin: new Set(ALL_PERMISSIONS.filter((p) => p !== 'console.manage' && p !== 'organizations.launch_override')),
  viewer: new Set<Permission>(['audit.read', 'organizations.read', 'members.read']),
};

function known(permissions: readonly string[]): Set<Permission> {
  return new Set(permissions.filter((p): p is Permission => p in PERMISSIONS && !CONSOLE_ONLY_PERMISSIONS.has(p as Permission)));
}

/** The permissions a principal holds. Pure. */
export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  switch (principal.kind) {
    case 'console_user':
      return CONSOLE_ROLE_PERMISSIONS[principal.role];
    case 'system':
      return new Set(ALL_PERMISSIONS);
    case 'member':
      return known(principal.permissions);
    case 'api_key':
      return new Set(apiKeyPermissions(principal.permissions, principal.organizationId !== null));
    case 'directory':
      return new Set<Permission>(['directory.sync']);
    case 'invitation_link':
      return new Set<Permission>(['invitations.accept']);
    case 'setup_link':
      return new Set<Permission>(intentPermissions(principal.intents));
  }
}

/**
 * Whether a principal may run a command by name, beside holding its permission: a setup link
 * runs only the commands its intents list (no removing, enabling or deleting), everyone else
 * whatever their permissions allow.
 */
export function mayRunCommand(principal: Principal, commandName: string): boolean {
  return principal.kind !== 'setup_link' || intentsAllow(principal.intents, commandName);
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return permissionsOf(principal).has(permission);
}

/** Whether a principal may reach an organization at all. Outside it, everything is "not found". */
export function canReachOrganization(principal: Principal, organizationId: string): boolean {
  const bound = principalOrganization(principal);
  return bound === null || bound === organizationId;
}
