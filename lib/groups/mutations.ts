import { refuseGrant } from '@/lib/access/permissions';
import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { fail, notFound, ok, type Result } from '@/lib/result';
import type { CreateGroupInput, GroupMemberInput, GroupRefInput, UpdateGroupInput } from './schemas';

const FROM_DIRECTORY =
  'This group comes from the organization’s directory: change it in the identity provider, and the directory updates it here.';

/** A group of this organization, or null: another organization's group is "not found". */
function findGroup(tx: Tx, input: GroupRefInput) {
  return tx.group.findFirst({ where: { id: input.groupId, organizationId: input.organizationId }, include: { roles: true } });
}

/** Every role a group gives must be usable here and within the caller's own permissions. */
async function refuseRoles(tx: Tx, context: CommandContext, organizationId: string, roles: readonly string[]) {
  for (const role of roles) {
    const refused = await refuseGrant(tx, context.principal, organizationId, role, 'roles');
    if (refused) return refused;
  }
  return null;
}

function nameTaken(name: string) {
  return fail('key_taken', `A group named “${name}” already exists here.`, {
    fieldErrors: { name: [`A group named “${name}” already exists here.`] },
  });
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function createGroup(client: Db, context: CommandContext, input: CreateGroupInput): Promise<Result<{ id: string }>> {
  try {
    return await client.$transaction(async (tx) => {
      if (!(await tx.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } }))) return notFound();
      const refused = await refuseRoles(tx, context, input.organizationId, input.roles);
      if (refused) return refused;
      if (await tx.group.findFirst({ where: { organizationId: input.organizationId, name: input.name }, select: { id: true } })) {
        return nameTaken(input.name);
      }
      const group = await tx.group.create({
        data: {
          organizationId: input.organizationId,
          name: input.name,
          description: input.description,
          roles: { create: input.roles.map((roleKey) => ({ roleKey })) },
        },
      });
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: 'group.created',
        target: { type: 'group', id: group.id, label: group.name },
        summary: { roles: [...input.roles].sort() },
      });
      return ok({ id: group.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(input.name);
    throw error;
  }
}

export async function updateGroup(client: Db, context: CommandContext, input: UpdateGroupInput): Promise<Result<{ id: string }>> {
  try {
    return await client.$transaction(async (tx) => {
      const group = await findGroup(tx, input);
      if (!group) return notFound();
      if (group.source === 'directory') return fail('forbidden', FROM_DIRECTORY);
      const refused = await refuseRoles(tx, context, input.organizationId, input.roles);
      if (refused) return refused;
      const before = group.roles.map((r) => r.roleKey).sort();
      const after = [...input.roles].sort();
      await tx.group.update({ where: { id: group.id }, data: { name: input.name, description: input.description } });
      await tx.groupRole.deleteMany({ where: { groupId: group.id, roleKey: { notIn: after } } });
      await tx.groupRole.createMany({ data: after.filter((r) => !before.includes(r)).map((roleKey) => ({ groupId: group.id, roleKey })) });
      const summary: Record<string, unknown> = {
        ...(before.join() !== after.join() ? { roles: { before, after } } : {}),
        ...changedFields(group, { name: input.name, description: input.description }),
      };
      if (Object.keys(summary).length) {
        await recordAudit(tx, context, {
          organizationId: input.organizationId,
          action: 'group.updated',
          target: { type: 'group', id: group.id, label: input.name },
          summary,
        });
      }
      return ok({ id: group.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(input.name);
    throw error;
  }
}

export async function deleteGroup(client: Db, context: CommandContext, input: GroupRefInput): Promise<Result<{ name: string }>> {
  return client.$transaction(async (tx) => {
    const group = await findGroup(tx, input);
    if (!group) return notFound();
    if (group.source === 'directory') return fail('forbidden', FROM_DIRECTORY);
    const members = await tx.groupMember.count({ where: { groupId: group.id } });
    await tx.group.delete({ where: { id: group.id } });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'group.deleted',
      target: { type: 'group', id: group.id, label: group.name },
      summary: { roles: group.roles.map((r) => r.roleKey).sort(), members },
    });
    return ok({ name: group.name });
  });
}

/** Adds a member to a group, or takes them out. Both must be this organization's. */
export async function setGroupMember(
  client: Db,
  context: CommandContext,
  input: GroupMemberInput,
  member: boolean,
): Promise<Result<{ email: string }>> {
  return client.$transaction(async (tx) => {
    const group = await findGroup(tx, input);
    if (!group) return notFound();
    if (group.source === 'directory') return fail('forbidden', FROM_DIRECTORY);
    const membership = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: input.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!membership) return notFound();
    // Adding someone gives them the group's roles: the caller must hold what those give.
    if (member) {
      const refused = await refuseRoles(
        tx,
        context,
        input.organizationId,
        group.roles.map((r) => r.roleKey),
      );
      if (refused) return refused;
    }
    const key = { groupId_membershipId: { groupId: group.id, membershipId: membership.id } };
    const present = Boolean(await tx.groupMember.findUnique({ where: key }));
    if (present === member) return ok({ email: membership.user.email });
    if (member)
      await tx.groupMember.create({ data: { groupId: group.id, membershipId: membership.id, organizationId: input.organizationId } });
    else await tx.groupMember.delete({ where: key });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: member ? 'group.member_added' : 'group.member_removed',
      // About the member (their page shows it), naming the group.
      target: { type: 'member', id: membership.userId, label: membership.user.email },
      summary: { group: group.name, groupId: group.id },
    });
    return ok({ email: membership.user.email });
  });
}
