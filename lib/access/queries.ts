import type { DbOrTx } from '@/lib/db/client';
import { type OrganizationRef, ofOrganization } from '@/lib/organizations/ref';
import type { RoleUsage } from './policy';
import { MEMBER_ROLES, type RoleKey } from './roles';

export interface RoleSummary {
  key: RoleKey;
  name: string;
  description: string;
  operatingTeam: boolean;
}

/** The roles behind some keys, by key: what pages and emails call them. One query. */
export async function describeRoles(client: DbOrTx, keys: readonly (RoleKey | null | undefined)[]): Promise<Map<RoleKey, RoleSummary>> {
  const wanted = [...new Set(keys.filter((key): key is RoleKey => Boolean(key)))];
  if (!wanted.length) return new Map();
  const rows = await client.role.findMany({
    where: { key: { in: wanted } },
    select: { key: true, name: true, description: true, operatingTeam: true },
  });
  return new Map(rows.map((row) => [row.key, row]));
}

/** A role's name, or its key when the role is unknown (never empty). */
export function roleName(roles: ReadonlyMap<RoleKey, RoleSummary>, key: RoleKey): string {
  return roles.get(key)?.name ?? key;
}

/**
 * The roles an organization can use: the defaults (least privileged first), then custom roles for
 * every organization or for this one, by name.
 */
export async function rolesForOrganization(client: DbOrTx, organization: OrganizationRef): Promise<RoleSummary[]> {
  const rows = await client.role.findMany({
    where: { OR: [{ organizationId: null }, ofOrganization(organization)] },
    select: { key: true, name: true, description: true, operatingTeam: true, isDefault: true },
    orderBy: [{ isDefault: 'desc' }, { name: 'asc' }],
  });
  const rank = (key: RoleKey) => {
    const index = (MEMBER_ROLES as readonly string[]).indexOf(key);
    return index < 0 ? MEMBER_ROLES.length : index;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row.key) - rank(b.row.key) || a.index - b.index)
    .map(({ row: { isDefault: _default, ...role } }) => role);
}

export interface RoleRow extends RoleSummary {
  isDefault: boolean;
  organization: { id: string; name: string; slug: string } | null;
  permissions: string[];
  usage: RoleUsage;
}

/** Every role with its permissions and what uses it: the Roles page. Five queries, whatever the count. */
export async function listRoles(client: DbOrTx): Promise<RoleRow[]> {
  const [roles, members, invitations, autoJoin, groups, mappings] = await Promise.all([
    client.role.findMany({
      include: { permissions: { select: { permissionKey: true } }, organization: { select: { id: true, name: true, slug: true } } },
    }),
    client.membership.groupBy({ by: ['role'], _count: { _all: true } }),
    client.invitation.groupBy({ by: ['role'], _count: { _all: true } }),
    client.organization.groupBy({ by: ['autoJoinRole'], _count: { _all: true } }),
    client.groupRole.groupBy({ by: ['roleKey'], _count: { _all: true } }),
    client.roleMapping.groupBy({ by: ['role'], _count: { _all: true } }),
  ]);
  const count = <T extends { _count: { _all: number } }>(rows: T[], key: (row: T) => string) =>
    new Map(rows.map((row) => [key(row), row._count._all]));
  const byMembers = count(members, (r) => r.role);
  const byInvitations = count(invitations, (r) => r.role);
  const byAutoJoin = count(autoJoin, (r) => r.autoJoinRole);
  const byGroups = count(groups, (r) => r.roleKey);
  const byMappings = count(mappings, (r) => r.role);
  const rank = (key: RoleKey) => {
    const index = (MEMBER_ROLES as readonly string[]).indexOf(key);
    return index < 0 ? MEMBER_ROLES.length : index;
  };
  return roles
    .sort((a, b) => rank(a.key) - rank(b.key) || a.name.localeCompare(b.name))
    .map((role) => ({
      key: role.key,
      name: role.name,
      description: role.description,
      operatingTeam: role.operatingTeam,
      isDefault: role.isDefault,
      organization: role.organization,
      permissions: role.permissions.map((p) => p.permissionKey).sort(),
      usage: {
        members: byMembers.get(role.key) ?? 0,
        invitations: byInvitations.get(role.key) ?? 0,
        autoJoin: byAutoJoin.get(role.key) ?? 0,
        groups: byGroups.get(role.key) ?? 0,
        mappings: byMappings.get(role.key) ?? 0,
      },
    }));
}

/** The permission catalog: Orgdesk's own, then the app's, by key. */
export async function listPermissionCatalog(client: DbOrTx) {
  const rows = await client.permission.findMany({
    orderBy: [{ kind: 'asc' }, { key: 'asc' }],
    include: { _count: { select: { roles: true } } },
  });
  return rows.map((row) => ({
    key: row.key,
    description: row.description,
    kind: row.kind as 'console' | 'app',
    roleCount: row._count.roles,
  }));
}
