import type { Principal } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import { type Failure, fail } from '@/lib/result';
import type { RoleKey } from './roles';

/** Where an effective permission comes from: the member's direct role, or a group's role. */
export type PermissionSource = { kind: 'role'; role: RoleKey } | { kind: 'group'; group: string; role: RoleKey };

export interface RoleGrant {
  role: RoleKey;
  permissions: readonly string[];
}

/**
 * A member's effective permissions: the union of their direct role's permissions and those of
 * every role their groups give, each with every source it comes from. Pure.
 */
export function resolveEffectivePermissions(
  direct: RoleGrant,
  groups: readonly { group: string; grants: readonly RoleGrant[] }[] = [],
): Map<string, PermissionSource[]> {
  const effective = new Map<string, PermissionSource[]>();
  const add = (permission: string, source: PermissionSource) => {
    const sources = effective.get(permission) ?? [];
    sources.push(source);
    effective.set(permission, sources);
  };
  for (const permission of direct.permissions) add(permission, { kind: 'role', role: direct.role });
  for (const { group, grants } of groups) {
    for (const grant of grants) for (const permission of grant.permissions) add(permission, { kind: 'group', group, role: grant.role });
  }
  return new Map([...effective.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * No granting above your own rank: the permissions a grant would give that the granter doesn't
 * hold. Empty when the grant is allowed. Pure.
 */
export function permissionsBeyond(granter: ReadonlySet<string>, granted: readonly string[]): string[] {
  return granted.filter((permission) => !granter.has(permission));
}

/** The permissions of some roles, by role key: one query. */
export async function permissionsOfRoles(client: DbOrTx, roles: readonly RoleKey[]): Promise<Map<RoleKey, string[]>> {
  const rows = await client.rolePermission.findMany({
    where: { roleKey: { in: [...new Set(roles)] } },
    select: { roleKey: true, permissionKey: true },
    orderBy: { permissionKey: 'asc' },
  });
  const byRole = new Map<RoleKey, string[]>(roles.map((role) => [role, []]));
  for (const row of rows) byRole.get(row.roleKey)?.push(row.permissionKey);
  return byRole;
}

/**
 * A member's effective permissions in their organization, each with its sources: their role, and
 * the roles of every group they are in. Two queries.
 */
export async function effectivePermissionsOf(
  client: DbOrTx,
  member: { userId: string; organizationId: string; role: RoleKey },
): Promise<Map<string, PermissionSource[]>> {
  const groups = await client.group.findMany({
    where: { organizationId: member.organizationId, members: { some: { membership: { userId: member.userId } } } },
    select: { name: true, roles: { select: { roleKey: true } } },
    orderBy: { name: 'asc' },
  });
  const byRole = await permissionsOfRoles(client, [member.role, ...groups.flatMap((g) => g.roles.map((r) => r.roleKey))]);
  return resolveEffectivePermissions(
    { role: member.role, permissions: byRole.get(member.role) ?? [] },
    groups.map((group) => ({
      group: group.name,
      grants: group.roles.map((r) => ({ role: r.roleKey, permissions: byRole.get(r.roleKey) ?? [] })),
    })),
  );
}

/** The principal of a member acting in their organization, with their effective permissions. */
export async function memberPrincipal(client: DbOrTx, member: { userId: string; email: string; organizationId: string; role: RoleKey }) {
  const permissions = [...(await effectivePermissionsOf(client, member)).keys()];
  return { kind: 'member' as const, ...member, permissions };
}

/**
 * Whether `principal` may give `roleKey` to someone in `organizationId`: the role must exist and
 * be usable there (for every organization, or for this one), and its permissions must not exceed
 * the granter's own (console users and the system hold every organization permission). Returns the
 * failure to answer, or null when the grant is allowed.
 */
export async function refuseGrant(
  tx: DbOrTx,
  principal: Principal,
  organizationId: string,
  roleKey: RoleKey,
  field = 'role',
): Promise<Failure | null> {
  const role = await tx.role.findUnique({ where: { key: roleKey }, select: { key: true, name: true, organizationId: true } });
  const needsPermissions = role && (principal.kind === 'member' || principal.kind === 'api_key');
  const permissions = needsPermissions ? ((await permissionsOfRoles(tx, [role.key])).get(role.key) ?? []) : [];
  return judgeGrant(role ? { ...role, permissions } : null, principal, organizationId, field);
}

/** A role as a grant needs it: where it may be used, and what it holds. */
export type GrantableRole = { key: RoleKey; name: string; organizationId: string | null; permissions: readonly string[] };

/** refuseGrant's rule on an already loaded role (null: no such role). Pure. */
export function judgeGrant(role: GrantableRole | null, principal: Principal, organizationId: string, field = 'role'): Failure | null {
  if (!role || (role.organizationId && role.organizationId !== organizationId)) {
    return fail('role_not_allowed', 'That role can’t be used in this organization.', {
      fieldErrors: { [field]: ['Choose one of this organization’s roles.'] },
    });
  }
  if (principal.kind !== 'member' && principal.kind !== 'api_key') return null;
  const beyond = permissionsBeyond(new Set(principal.permissions), role.permissions);
  return beyond.length
    ? fail('forbidden', `${role.name} holds permissions you don’t (${beyond.join(', ')}); you can’t give it.`, {
        fieldErrors: { [field]: [`You can’t give ${role.name}: it holds ${beyond.join(', ')}, which you don’t.`] },
      })
    : null;
}

export interface MemberAccess {
  membershipId: string;
  userId: string;
  email: string;
  role: RoleKey;
  status: 'active' | 'suspended';
  /** Effective permissions (role and groups); none while the member or the organization is suspended. */
  permissions: string[];
  organizationSuspended: boolean;
}

/**
 * A person's effective permissions in an organization, by user id or email, in one statement: the
 * cheap check the builder's app makes on every request (REST API). Null for someone who isn't a
 * member there. A suspended member, or any member of a suspended organization, holds nothing.
 */
export async function memberAccess(
  client: DbOrTx,
  organizationId: string,
  user: { id: string } | { email: string },
): Promise<MemberAccess | null> {
  const userId = 'id' in user ? user.id : null;
  const email = 'email' in user ? user.email : null;
  const rows = await client.$queryRaw<
    { membership_id: string; user_id: string; email: string; role: string; status: string; org_status: string; permissions: string[] }[]
  >`
    WITH m AS (
      SELECT ms.id, ms.user_id, u.email, ms.role, ms.status::text AS status, o.status::text AS org_status
      FROM memberships ms
      JOIN users u ON u.id = ms.user_id
      JOIN organizations o ON o.id = ms.organization_id
      WHERE ms.organization_id = ${organizationId}::uuid
        AND (u.id = ${userId}::uuid OR u.email = ${email})
    )
    SELECT m.id AS membership_id, m.user_id, m.email, m.role, m.status, m.org_status,
      ARRAY(
        SELECT DISTINCT rp.permission_key FROM role_permissions rp
        WHERE rp.role_key = m.role
           OR rp.role_key IN (
             SELECT gr.role_key FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
             WHERE gm.membership_id = m.id
           )
        ORDER BY 1
      ) AS permissions
    FROM m`;
  const row = rows[0];
  if (!row) return null;
  const organizationSuspended = row.org_status !== 'active';
  const status = row.status === 'suspended' ? 'suspended' : 'active';
  return {
    membershipId: row.membership_id,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    status,
    permissions: status === 'active' && !organizationSuspended ? row.permissions : [],
    organizationSuspended,
  };
}
