import type { AuditEventInput } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import type { Db, DbOrTx, Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { type MappingPreview, previewRoleMappings, syncDirectoryRoles, unusableRoles } from './mapped-roles';
import type { AddRoleMappingInput, PreviewRoleMappingsInput, RoleMappingRefInput, SaveRoleMappingsInput } from './schemas';

/** The organization's group → role mappings, oldest first (earlier ones win ties), as the SSO and Directory sections list them. */
export async function roleMappingRows(client: DbOrTx, organizationId: string) {
  const mappings = await client.roleMapping.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, group: true, role: true, allowOwner: true, roleRef: { select: { name: true } } },
  });
  return mappings.map((m) => ({ id: m.id, group: m.group, role: m.role, roleName: m.roleRef.name, allowOwner: m.allowOwner }));
}

/** Maps a group to a role usable in the organization; a group maps once. Audited. */
export async function addRoleMapping(client: Db, context: CommandContext, input: AddRoleMappingInput): Promise<Result<{ id: string }>> {
  try {
    return await client.$transaction(async (tx) => {
      if (!(await lockOrganization(tx, input.organizationId))) return notFound();
      const role = await tx.role.findFirst({
        where: { key: input.role, OR: [{ organizationId: null }, { organizationId: input.organizationId }] },
        select: { key: true, name: true },
      });
      if (!role)
        return fail('role_not_allowed', 'Choose a role this organization can use.', {
          fieldErrors: { role: ['Choose a role this organization can use.'] },
        });
      const mapping = await tx.roleMapping.create({
        data: {
          organizationId: input.organizationId,
          group: input.group,
          role: role.key,
          allowOwner: role.key === 'owner' && input.allowOwner,
        },
      });
      await applyToDirectoryMembers(tx, context, input.organizationId, {
        organizationId: input.organizationId,
        action: 'role_mapping.added',
        target: { type: 'role_mapping', id: mapping.id, label: input.group },
        summary: { group: input.group, role: role.key, ...(mapping.allowOwner ? { allowOwner: true } : {}) },
      });
      return ok({ id: mapping.id });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = `${input.group} is already mapped. Remove its mapping first to map it to another role.`;
    return fail('invalid_input', message, { fieldErrors: { group: [message] }, values: { group: input.group } });
  }
}

/**
 * A mapping change applies to the directory's members at once (SSO members follow at their next
 * sign-in): their role changes are audited with the mapping's own event, in its transaction.
 */
async function applyToDirectoryMembers(tx: Tx, context: CommandContext, organizationId: string, event: AuditEventInput) {
  const synced = await syncDirectoryRoles(tx, organizationId, 'all');
  await mappingsChanged(tx, organizationId, context.now);
  await recomputeOrganizationState(tx, organizationId, context.now, context, [
    synced.changed.length ? { ...event, summary: { ...event.summary, roleChanges: synced.changed.length } } : event,
    ...synced.events,
  ]);
}

/** The mappings changed: the launch check asks for a new dry run of them (the caller recomputes). */
function mappingsChanged(tx: Tx, organizationId: string, now: Date) {
  return tx.organization.update({ where: { id: organizationId }, data: { roleMappingsChangedAt: now }, select: { id: true } });
}

/** Removes a mapping of the organization (another organization's is not found). Audited. */
export async function removeRoleMapping(client: Db, context: CommandContext, input: RoleMappingRefInput): Promise<Result<null>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const mapping = await tx.roleMapping.findFirst({ where: { id: input.mappingId, organizationId: input.organizationId } });
    if (!mapping) return notFound();
    await tx.roleMapping.delete({ where: { id: mapping.id } });
    await applyToDirectoryMembers(tx, context, input.organizationId, {
      organizationId: input.organizationId,
      action: 'role_mapping.removed',
      target: { type: 'role_mapping', id: mapping.id, label: mapping.group },
      summary: { group: mapping.group, role: mapping.role },
    });
    return ok(null);
  });
}

/**
 * Saves a reviewed draft of every mapping in one transaction: mappings it drops are removed, new
 * ones added, changed ones updated, each audited; then the directory's members follow at once, each
 * role change audited (SSO members follow at their next sign-in).
 */
export async function saveRoleMappings(
  client: Db,
  context: CommandContext,
  input: SaveRoleMappingsInput,
): Promise<Result<{ added: number; removed: number; changed: number; roleChanges: number }>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const unusable = await unusableRoles(
      tx,
      input.organizationId,
      input.mappings.map((m) => m.role),
    );
    if (unusable.length) {
      const message = `This organization can’t use the role ${unusable.join(', ')}: choose another.`;
      return fail('role_not_allowed', message, { fieldErrors: { mappings: [message] } });
    }
    const current = await tx.roleMapping.findMany({ where: { organizationId: input.organizationId } });
    const draft = new Map(input.mappings.map((m) => [m.group, { ...m, allowOwner: m.role === 'owner' && m.allowOwner }]));
    const events: AuditEventInput[] = [];
    const target = (id: string, group: string) => ({ type: 'role_mapping', id, label: group });
    let removed = 0;
    let changed = 0;
    for (const mapping of current) {
      const next = draft.get(mapping.group);
      if (!next) {
        await tx.roleMapping.delete({ where: { id: mapping.id } });
        events.push({
          organizationId: input.organizationId,
          action: 'role_mapping.removed',
          target: target(mapping.id, mapping.group),
          summary: { group: mapping.group, role: mapping.role },
        });
        removed++;
      } else if (next.role !== mapping.role || next.allowOwner !== mapping.allowOwner) {
        await tx.roleMapping.update({ where: { id: mapping.id }, data: { role: next.role, allowOwner: next.allowOwner } });
        events.push({
          organizationId: input.organizationId,
          action: 'role_mapping.changed',
          target: target(mapping.id, mapping.group),
          summary: {
            group: mapping.group,
            role: { before: mapping.role, after: next.role },
            ...(next.allowOwner ? { allowOwner: true } : {}),
          },
        });
        changed++;
      }
      draft.delete(mapping.group);
    }
    for (const mapping of draft.values()) {
      const created = await tx.roleMapping.create({
        data: {
          organizationId: input.organizationId,
          group: mapping.group,
          role: mapping.role,
          allowOwner: mapping.allowOwner,
          createdAt: context.now,
        },
      });
      events.push({
        organizationId: input.organizationId,
        action: 'role_mapping.added',
        target: target(created.id, mapping.group),
        summary: { group: mapping.group, role: mapping.role, ...(mapping.allowOwner ? { allowOwner: true } : {}) },
      });
    }
    const synced = await syncDirectoryRoles(tx, input.organizationId, 'all');
    if (events.length) await mappingsChanged(tx, input.organizationId, context.now);
    if (events.length || synced.events.length) {
      await recomputeOrganizationState(tx, input.organizationId, context.now, context, [...events, ...synced.events]);
    }
    return ok({ added: draft.size, removed, changed, roleChanges: synced.changed.length });
  });
}

/**
 * The dry run, as the console runs it: the preview, and, when the draft is exactly the saved
 * mappings, the record that they were reviewed (the launch check asks for it after every
 * change). Recording it is audited; nothing else is written.
 */
export async function reviewRoleMappings(
  client: Db,
  context: CommandContext,
  input: PreviewRoleMappingsInput,
): Promise<Result<MappingPreview & { reviewed: boolean }>> {
  const preview = await previewRoleMappings(client, input);
  if (!preview.ok) return preview;
  const key = (m: { group: string; role: string; allowOwner: boolean }) =>
    `${m.group}\u0000${m.role}\u0000${m.role === 'owner' && m.allowOwner}`;
  const reviewed = await client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return false;
    const saved = await tx.roleMapping.findMany({ where: { organizationId: input.organizationId } });
    const draft = new Set(input.mappings.map(key));
    if (saved.length === 0 || saved.length !== draft.size || !saved.every((m) => draft.has(key(m)))) return false;
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { roleMappingsReviewedAt: context.now },
      select: { id: true },
    });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: 'role_mapping.reviewed',
        target: { type: 'organization', id: input.organizationId },
        summary: { mappings: saved.length, roleChangesShown: preview.data.shifts.length },
      },
    ]);
    return true;
  });
  return ok({ ...preview.data, reviewed });
}
