import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { CONSOLE_ONLY_PERMISSIONS, type Permission } from '@/lib/commands/permissions';
import type { Db, DbOrTx } from '@/lib/db/client';
import { markStatesDueForRoleMembers } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { describeUsage, permissionsAfterEdit, type RoleUsage, usageTotal } from './policy';
import type { CreatePermissionInput, CreateRoleInput, DeleteRoleInput, PermissionRefInput, UpdateRoleInput } from './schemas';

async function consoleKeys(tx: DbOrTx): Promise<Set<string>> {
  return new Set((await tx.permission.findMany({ where: { kind: 'console' }, select: { key: true } })).map((p) => p.key));
}

/**
 * Permission keys a role can't hold: ones the catalog doesn't have (a field error, never a
 * foreign-key crash), and the console-wide ones.
 */
async function unknownPermissions(tx: DbOrTx, keys: readonly string[]) {
  if (!keys.length) return null;
  const consoleOnly = keys.filter((key) => CONSOLE_ONLY_PERMISSIONS.has(key as Permission));
  if (consoleOnly.length) {
    return fail('invalid_input', 'Check the highlighted fields.', {
      fieldErrors: { permissions: [`Only console users hold ${consoleOnly.join(', ')}; a role can’t.`] },
    });
  }
  const known = new Set((await tx.permission.findMany({ where: { key: { in: [...keys] } }, select: { key: true } })).map((p) => p.key));
  const unknown = keys.filter((key) => !known.has(key));
  return unknown.length
    ? fail('invalid_input', 'Check the highlighted fields.', {
        fieldErrors: { permissions: [`Not in the permission catalog: ${unknown.join(', ')}.`] },
      })
    : null;
}

/** How many records use a role: members, invitations, auto-join settings and groups. */
export async function roleUsage(tx: DbOrTx, roleKey: string): Promise<RoleUsage> {
  const [members, invitations, autoJoin, groups, mappings] = await Promise.all([
    tx.membership.count({ where: { role: roleKey } }),
    tx.invitation.count({ where: { role: roleKey } }),
    tx.organization.count({ where: { autoJoinRole: roleKey } }),
    tx.groupRole.count({ where: { roleKey } }),
    tx.roleMapping.count({ where: { role: roleKey } }),
  ]);
  return { members, invitations, autoJoin, groups, mappings };
}

/** A custom role, for every organization or one, with its permissions. Audited. */
export async function createRole(client: Db, context: CommandContext, input: CreateRoleInput): Promise<Result<{ key: string }>> {
  return client.$transaction(async (tx) => {
    const organizationId = input.scope === 'all' ? null : input.scope;
    if (organizationId && !(await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) {
      return fail('invalid_input', 'Check the highlighted fields.', { fieldErrors: { scope: ['That organization no longer exists.'] } });
    }
    if (await tx.role.findUnique({ where: { key: input.key }, select: { key: true } })) {
      return fail('key_taken', `The key “${input.key}” is already used by another role. Keys never change, so pick another.`, {
        fieldErrors: { key: [`“${input.key}” is already used by another role.`] },
      });
    }
    const unknown = await unknownPermissions(tx, input.permissions);
    if (unknown) return unknown;
    await tx.role.create({
      data: {
        key: input.key,
        name: input.name,
        description: input.description,
        operatingTeam: input.operatingTeam,
        organizationId,
        permissions: { create: input.permissions.map((permissionKey) => ({ permissionKey })) },
      },
    });
    await recordAudit(tx, context, {
      organizationId,
      action: 'role.created',
      target: { type: 'role', id: input.key, label: input.name },
      summary: { permissions: [...input.permissions].sort(), operatingTeam: input.operatingTeam, scope: organizationId ?? 'all' },
    });
    return ok({ key: input.key });
  });
}

/**
 * Changes a role's name, description, operating-team flag and permissions. Everyone holding it
 * has the new permissions at once (they are read from the role). Audited with before and after.
 */
export async function updateRole(client: Db, context: CommandContext, input: UpdateRoleInput): Promise<Result<{ key: string }>> {
  return client.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { key: input.roleKey }, include: { permissions: { select: { permissionKey: true } } } });
    if (!role) return notFound();
    const unknown = await unknownPermissions(tx, input.permissions);
    if (unknown) return unknown;
    const before = role.permissions.map((p) => p.permissionKey).sort();
    const after = permissionsAfterEdit({ isDefault: role.isDefault, permissions: before }, input.permissions, await consoleKeys(tx));
    // The defaults' place in the operating team is part of the product's rules.
    const operatingTeam = role.isDefault ? role.operatingTeam : input.operatingTeam;
    await tx.role.update({
      where: { key: role.key },
      data: { name: input.name, description: input.description, operatingTeam },
    });
    if (operatingTeam !== role.operatingTeam) await markStatesDueForRoleMembers(tx, role.key, context.now);
    await tx.rolePermission.deleteMany({ where: { roleKey: role.key, permissionKey: { notIn: after } } });
    await tx.rolePermission.createMany({
      data: after.filter((key) => !before.includes(key)).map((permissionKey) => ({ roleKey: role.key, permissionKey })),
    });
    const summary: Record<string, unknown> = {
      ...(before.join() !== after.join() ? { permissions: { before, after } } : {}),
      ...changedFields(role, { name: input.name, description: input.description, operatingTeam }),
    };
    if (Object.keys(summary).length) {
      await recordAudit(tx, context, {
        organizationId: role.organizationId,
        action: 'role.updated',
        target: { type: 'role', id: role.key, label: input.name },
        summary,
      });
    }
    return ok({ key: role.key });
  });
}

/**
 * Deletes a custom role. In use, it is refused with what uses it, unless `moveTo` names the role
 * to move its members, invitations and auto-join settings to first, all in one transaction.
 */
export async function deleteRole(
  client: Db,
  context: CommandContext,
  input: DeleteRoleInput,
): Promise<Result<{ key: string; moved: RoleUsage }>> {
  return client.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { key: input.roleKey } });
    if (!role) return notFound();
    if (role.isDefault) return fail('default_role', `${role.name} is a default role: it can’t be deleted.`);
    // Lock the role's row so a concurrent assignment waits for the move.
    await tx.$queryRaw`SELECT key FROM roles WHERE key = ${role.key} FOR UPDATE`;
    const usage = await roleUsage(tx, role.key);
    if (usageTotal(usage) > 0) {
      if (!input.moveTo) {
        return fail('role_in_use', `${role.name} is used by ${describeUsage(usage)}. Choose a role to move them to, then delete.`, {
          fieldErrors: { moveTo: [`Choose where ${describeUsage(usage)} go.`] },
        });
      }
      const target = await tx.role.findUnique({ where: { key: input.moveTo } });
      const invalid = (message: string) => fail('role_not_allowed', message, { fieldErrors: { moveTo: [message] } });
      if (!target || target.key === role.key) return invalid('Choose another existing role.');
      if (target.organizationId && target.organizationId !== role.organizationId) {
        return invalid(`${target.name} is limited to one organization; choose a role for every organization.`);
      }
      if (target.key === 'owner' && usage.autoJoin)
        return invalid('Auto-join never grants Owner: choose Member or Admin, or another role.');
      if (target.key === 'owner' && usage.mappings) {
        return invalid('A group mapping grants Owner only when allowed one by one: choose another role, or remap those groups first.');
      }
      if (target.operatingTeam !== role.operatingTeam) await markStatesDueForRoleMembers(tx, role.key, context.now);
      await tx.membership.updateMany({ where: { role: role.key }, data: { role: target.key } });
      await tx.invitation.updateMany({ where: { role: role.key }, data: { role: target.key } });
      await tx.organization.updateMany({ where: { autoJoinRole: role.key }, data: { autoJoinRole: target.key } });
      // Groups that already give the target role just lose this one.
      await tx.groupRole.deleteMany({ where: { roleKey: role.key, group: { roles: { some: { roleKey: target.key } } } } });
      await tx.groupRole.updateMany({ where: { roleKey: role.key }, data: { roleKey: target.key } });
      await tx.roleMapping.updateMany({ where: { role: role.key }, data: { role: target.key } });
    }
    await tx.role.delete({ where: { key: role.key } });
    await recordAudit(tx, context, {
      organizationId: role.organizationId,
      action: 'role.deleted',
      target: { type: 'role', id: role.key, label: role.name },
      summary: usageTotal(usage) ? { movedTo: input.moveTo, moved: usage } : {},
    });
    return ok({ key: role.key, moved: usage });
  });
}

/** A permission key for the builder's own app, e.g. `reports:export`. Audited. */
export async function createPermission(
  client: Db,
  context: CommandContext,
  input: CreatePermissionInput,
): Promise<Result<{ key: string }>> {
  return client.$transaction(async (tx) => {
    if (await tx.permission.findUnique({ where: { key: input.key }, select: { key: true } })) {
      return fail('key_taken', `“${input.key}” is already in the catalog.`, {
        fieldErrors: { key: [`“${input.key}” is already in the catalog.`] },
      });
    }
    await tx.permission.create({ data: { key: input.key, description: input.description, kind: 'app' } });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'permission.created',
      target: { type: 'permission', id: input.key, label: input.key },
      summary: { description: input.description },
    });
    return ok({ key: input.key });
  });
}

/** Removes an app permission from the catalog and from every role that held it. Audited. */
export async function deletePermission(client: Db, context: CommandContext, input: PermissionRefInput): Promise<Result<{ key: string }>> {
  return client.$transaction(async (tx) => {
    const permission = await tx.permission.findUnique({ where: { key: input.key }, include: { roles: { select: { roleKey: true } } } });
    if (!permission) return notFound();
    if (permission.kind === 'console') return fail('default_role', 'Orgdesk’s own permissions stay in the catalog.');
    await tx.permission.delete({ where: { key: permission.key } });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'permission.deleted',
      target: { type: 'permission', id: permission.key, label: permission.key },
      summary: { removedFromRoles: permission.roles.map((r) => r.roleKey).sort() },
    });
    return ok({ key: permission.key });
  });
}
