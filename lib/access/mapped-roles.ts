import type { AuditEventInput } from '@/lib/audit/record';
import type { DbOrTx, Tx } from '@/lib/db/client';
import { mappedRole } from './role-mapping';

/**
 * Group → role mappings applied: the role a person's groups give (SSO sign-ins, directory sync),
 * when a member's role follows it, and the directory's members re-read after their groups or the
 * mappings change.
 */
/** The role a person's groups give, and where it came from. */
export interface GroupRole {
  key: string;
  name: string;
  /** The group whose mapping gave the role; null when none matched (the least privileged role). */
  mapping: string | null;
  /** Whether the organization maps groups at all. */
  hasMappings: boolean;
}

/** The organization's mappings with each role's privilege (its permission count), read once. */
export async function loadRoleMappings(client: DbOrTx, organizationId: string) {
  const mappings = await client.roleMapping.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { group: true, role: true, allowOwner: true, roleRef: { select: { name: true, _count: { select: { permissions: true } } } } },
  });
  return mappings;
}

export type LoadedRoleMappings = Awaited<ReturnType<typeof loadRoleMappings>>;

/** The role `groups` give under loaded mappings (lib/access/role-mapping.ts decides). */
export function roleFromMappings(mappings: LoadedRoleMappings, groups: readonly string[]): GroupRole {
  const privilege = new Map(mappings.map((m) => [m.role, m.roleRef._count.permissions]));
  const result = mappedRole(groups, mappings, (role) => privilege.get(role) ?? 0);
  const name = mappings.find((m) => m.role === result.role)?.roleRef.name ?? 'Member';
  return { key: result.role, name, mapping: result.group, hasMappings: mappings.length > 0 };
}

/** The role a person's groups give in an organization (SSO sign-ins and directory sync). */
export async function roleForGroups(client: DbOrTx, organizationId: string, groups: readonly string[]): Promise<GroupRole> {
  return roleFromMappings(await loadRoleMappings(client, organizationId), groups);
}

/**
 * The role a member moves to under the mappings, or null to keep theirs: a matching mapping's
 * role, or, where the organization maps groups, the least privileged one for someone who joined
 * through `source` (SSO or the directory). A mapping never demotes an owner: owners are managed in
 * the console.
 */
export function mappedRoleChange(
  membership: { role: string; joinedVia: string },
  role: Pick<GroupRole, 'key' | 'mapping' | 'hasMappings'>,
  source: 'sso' | 'directory',
): string | null {
  const mapped = role.mapping !== null || (role.hasMappings && membership.joinedVia === source);
  return mapped && membership.role !== role.key && membership.role !== 'owner' ? role.key : null;
}

/** The group names and external ids each directory user's groups carry: what mappings match. */
export async function directoryGroupKeys(client: DbOrTx, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await client.directoryGroupMember.findMany({
    where: { userId: { in: [...userIds] } },
    select: { userId: true, group: { select: { displayName: true, externalId: true } } },
  });
  const keys = new Map<string, string[]>();
  for (const row of rows) {
    const list = keys.get(row.userId) ?? [];
    list.push(row.group.displayName, ...(row.group.externalId ? [row.group.externalId] : []));
    keys.set(row.userId, list);
  }
  return keys;
}

export interface RoleChange {
  email: string;
  before: string;
  after: string;
  mapping: string | null;
}

/**
 * Applies the mappings to an organization's directory members (those listed, or all of them):
 * each one's role follows at once, as mappedRoleChange says. Returns the role changes and their
 * audit events (the caller writes them in its transaction).
 */
export async function syncDirectoryRoles(
  tx: Tx,
  organizationId: string,
  directoryUserIds: readonly string[] | 'all',
): Promise<{ changed: RoleChange[]; events: AuditEventInput[] }> {
  if (directoryUserIds !== 'all' && directoryUserIds.length === 0) return { changed: [], events: [] };
  const users = await tx.directoryUser.findMany({
    where: {
      organizationId,
      deletedAt: null,
      membershipId: { not: null },
      ...(directoryUserIds === 'all' ? {} : { id: { in: [...directoryUserIds] } }),
    },
    select: {
      id: true,
      membership: { select: { id: true, role: true, joinedVia: true, userId: true, user: { select: { email: true } } } },
    },
  });
  if (users.length === 0) return { changed: [], events: [] };
  const [mappings, keys] = await Promise.all([
    loadRoleMappings(tx, organizationId),
    directoryGroupKeys(
      tx,
      users.map((u) => u.id),
    ),
  ]);
  const changed: RoleChange[] = [];
  const events: AuditEventInput[] = [];
  for (const user of users) {
    const membership = user.membership!;
    const role = roleFromMappings(mappings, keys.get(user.id) ?? []);
    const next = mappedRoleChange(membership, role, 'directory');
    if (!next) continue;
    await tx.membership.update({ where: { id: membership.id }, data: { role: next, ...(next === 'owner' ? {} : { breakGlass: false }) } });
    changed.push({ email: membership.user.email, before: membership.role, after: next, mapping: role.mapping });
    events.push({
      organizationId,
      action: 'member.role_changed',
      target: { type: 'member', id: membership.userId, label: membership.user.email },
      summary: { role: { before: membership.role, after: next }, via: 'directory_mapping', mapping: role.mapping ?? 'no mapping matched' },
    });
  }
  return { changed, events };
}
