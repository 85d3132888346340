import type { Permission } from '@/lib/commands/permissions';

/**
 * The rules for roles, pure.
 * - The defaults keep their console permissions (Owner everything, Admin administration, Member
 *   nothing); builders may add or remove their app's own permissions on them.
 * - Custom roles take any permission in the catalog.
 */
export function lockedPermissions(role: { isDefault: boolean; permissions: readonly string[] }, consoleKeys: ReadonlySet<string>) {
  return role.isDefault ? role.permissions.filter((key) => consoleKeys.has(key)) : [];
}

/**
 * The permissions a role ends up with after an edit: for a default, its console permissions stay
 * as they are whatever the form sent, and only app permissions change.
 */
export function permissionsAfterEdit(
  role: { isDefault: boolean; permissions: readonly string[] },
  requested: readonly string[],
  consoleKeys: ReadonlySet<string>,
): string[] {
  if (!role.isDefault) return [...new Set(requested)].sort();
  const locked = lockedPermissions(role, consoleKeys);
  const app = requested.filter((key) => !consoleKeys.has(key));
  return [...new Set([...locked, ...app])].sort();
}

/** What keeps a role from being deleted: how many records use it. */
export interface RoleUsage {
  members: number;
  invitations: number;
  autoJoin: number;
  groups: number;
  /** Group → role mappings that give it. */
  mappings: number;
}

export function usageTotal(usage: RoleUsage): number {
  return usage.members + usage.invitations + usage.autoJoin + usage.groups + usage.mappings;
}

export function describeUsage(usage: RoleUsage): string {
  const parts = [
    usage.members && `${usage.members} member${usage.members === 1 ? '' : 's'}`,
    usage.invitations && `${usage.invitations} invitation${usage.invitations === 1 ? '' : 's'}`,
    usage.autoJoin && `auto-join in ${usage.autoJoin} organization${usage.autoJoin === 1 ? '' : 's'}`,
    usage.groups && `${usage.groups} group${usage.groups === 1 ? '' : 's'}`,
    usage.mappings && `${usage.mappings} group mapping${usage.mappings === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing';
}

export type { Permission };
