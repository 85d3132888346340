import type { AuditEventInput } from '@/lib/audit/record';
import type { DbOrTx, Tx } from '@/lib/db/client';
import { fail, ok, type Result } from '@/lib/result';
import { permissionsOfRoles } from './permissions';
import { type MappedPerson, mappedRole, mappedRoleChange, type RoleShift, roleShifts } from './role-mapping';
import { LEAST_PRIVILEGED_ROLE } from './roles';
import type { PreviewRoleMappingsInput } from './schemas';

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

/** How privileged each role is (its permission count): ties in the mappings go to the earlier one. */
async function rolePrivileges(client: DbOrTx, roles: readonly string[]): Promise<(role: string) => number> {
  const counts = await client.rolePermission.groupBy({
    by: ['roleKey'],
    where: { roleKey: { in: [...new Set(roles)] } },
    _count: { _all: true },
  });
  const byRole = new Map(counts.map((c) => [c.roleKey, c._count._all]));
  return (role) => byRole.get(role) ?? 0;
}

/** The draft's roles that the organization can't use: a draft names only roles it may give. */
export async function unusableRoles(client: DbOrTx, organizationId: string, roles: readonly string[]): Promise<string[]> {
  const usable = await client.role.findMany({
    where: { key: { in: [...new Set(roles)] }, OR: [{ organizationId: null }, { organizationId }] },
    select: { key: true },
  });
  const known = new Set(usable.map((r) => r.key));
  return [...new Set(roles)].filter((role) => !known.has(role));
}

/** The directory's members as the dry run needs them: role now, how they joined, their groups. */
async function syncedPeople(client: DbOrTx, organizationId: string): Promise<MappedPerson[]> {
  const users = await client.directoryUser.findMany({
    where: { organizationId, deletedAt: null, membershipId: { not: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, membership: { select: { role: true, joinedVia: true, user: { select: { email: true } } } } },
  });
  const keys = await directoryGroupKeys(
    client,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    key: u.id,
    label: u.membership!.user.email,
    role: u.membership!.role,
    joinedVia: u.membership!.joinedVia,
    groups: keys.get(u.id) ?? [],
  }));
}

export interface MappingPreview {
  /** Who would gain or lose which role if the draft were saved. */
  shifts: RoleShift[];
  /** How many synced people the draft was tried on. */
  people: number;
  sample: {
    label: string;
    groups: string[];
    role: string;
    roleName: string;
    mapping: string | null;
    permissions: string[];
    /** The role the person holds in the organization now, when they are a member. */
    currentRole: string | null;
  } | null;
}

/**
 * The dry run of a draft of mappings: nothing is written. For a sample (a directory user, or
 * groups typed in) the role and permissions they would get and the mapping that gives it; for
 * everyone already synced, the role changes a save would make.
 */
export async function previewRoleMappings(client: DbOrTx, input: PreviewRoleMappingsInput): Promise<Result<MappingPreview>> {
  const unusable = await unusableRoles(
    client,
    input.organizationId,
    input.mappings.map((m) => m.role),
  );
  if (unusable.length) {
    const message = `This organization can’t use the role ${unusable.join(', ')}: choose another.`;
    return fail('role_not_allowed', message, { fieldErrors: { mappings: [message] } });
  }
  const people = await syncedPeople(client, input.organizationId);
  const privilege = await rolePrivileges(client, [...input.mappings.map((m) => m.role), LEAST_PRIVILEGED_ROLE]);
  const shifts = roleShifts(people, input.mappings, privilege);
  let sample: MappingPreview['sample'] = null;
  let groups: string[] | null = null;
  let label = input.sampleEmail || 'Someone in the groups you typed';
  let email: string | null = null;
  if (input.sampleUser) {
    const person = people.find((p) => p.key === input.sampleUser);
    if (!person) {
      const found = await client.directoryUser.findFirst({
        where: { id: input.sampleUser, organizationId: input.organizationId, deletedAt: null },
        select: { id: true, userName: true, email: true },
      });
      if (!found) return fail('not_found', 'That directory user was not found. It may have been deleted.');
      label = found.userName;
      email = found.email;
      groups = (await directoryGroupKeys(client, [found.id])).get(found.id) ?? [];
    } else {
      label = person.label;
      email = person.label;
      groups = [...person.groups];
    }
  } else if (input.sampleGroups.length || input.sampleEmail) {
    groups = input.sampleGroups;
    email = input.sampleEmail || null;
  }
  if (groups) {
    const result = mappedRole(groups, input.mappings, privilege);
    const [role, permissions, member] = await Promise.all([
      client.role.findUnique({ where: { key: result.role }, select: { name: true } }),
      permissionsOfRoles(client, [result.role]),
      email
        ? client.membership.findFirst({ where: { organizationId: input.organizationId, user: { email } }, select: { role: true } })
        : null,
    ]);
    sample = {
      label,
      groups,
      role: result.role,
      roleName: role?.name ?? result.role,
      mapping: result.group,
      permissions: permissions.get(result.role) ?? [],
      currentRole: member?.role ?? null,
    };
  }
  return ok({ shifts, people: people.length, sample });
}
