import { refuseGrant } from '@/lib/access/permissions';
import { recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import type { Db, Tx } from '@/lib/db/client';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { leavesNoActiveOwner, type MemberChange } from './policy';
import type { AddMemberInput, ChangeMemberRoleInput, MemberRefInput } from './schemas';
import { endSessionsIfNoActiveMembership } from './sign-in';

type Outcome = Result<{ email: string }>;

const LAST_OWNER = {
  role: 'This is the organization’s last active owner. Make another member an owner first, then change this role.',
  suspended: 'This is the organization’s last active owner. Make another member an owner first, then suspend this one.',
  removed: 'This is the organization’s last active owner. Make another member an owner first, then remove this one.',
} as const;

/**
 * Applies one member action under the organization's lock, so two concurrent changes can't take
 * away the last two owners. Scoped: another organization's membership is "not found".
 */
async function changeMember(
  client: Db,
  context: CommandContext,
  input: MemberRefInput,
  change: MemberChange,
  refusal: keyof typeof LAST_OWNER,
  apply: (tx: Tx, membershipId: string) => Promise<unknown>,
  event: (member: { role: string; status: string }) => {
    action: 'member.role_changed' | 'member.suspended' | 'member.reactivated' | 'member.removed';
    summary: Record<string, unknown>;
  } | null,
): Promise<Outcome> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const member = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: input.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!member) return notFound();
    const activeOwners = await tx.membership.count({ where: { organizationId: input.organizationId, role: 'owner', status: 'active' } });
    if (leavesNoActiveOwner(activeOwners, member, change)) return fail('last_owner', LAST_OWNER[refusal]);
    const described = event(member);
    if (!described) return ok({ email: member.user.email });
    await apply(tx, member.id);
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: described.action,
      target: { type: 'member', id: member.userId, label: member.user.email },
      summary: described.summary,
    });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context);
    return ok({ email: member.user.email });
  });
}

export async function changeMemberRole(client: Db, context: CommandContext, input: ChangeMemberRoleInput): Promise<Outcome> {
  // The role must be the organization's, and the caller must hold everything it gives.
  const refused = await refuseGrant(client, context.principal, input.organizationId, input.role);
  if (refused) return refused;
  return changeMember(
    client,
    context,
    input,
    { role: input.role },
    'role',
    // Only an owner can be a break-glass owner: losing Owner ends that too.
    (tx, id) =>
      tx.membership.update({ where: { id }, data: { role: input.role, ...(input.role === 'owner' ? {} : { breakGlass: false }) } }),
    (member) =>
      member.role === input.role ? null : { action: 'member.role_changed', summary: { role: { before: member.role, after: input.role } } },
  );
}

export function setMemberSuspended(client: Db, context: CommandContext, input: MemberRefInput, suspended: boolean) {
  const status = suspended ? 'suspended' : 'active';
  return changeMember(
    client,
    context,
    input,
    { status },
    'suspended',
    async (tx, id) => {
      const member = await tx.membership.update({ where: { id }, data: { status }, select: { userId: true } });
      if (suspended) await endSessionsIfNoActiveMembership(tx, member.userId);
    },
    (member) =>
      member.status === status
        ? null
        : { action: suspended ? 'member.suspended' : 'member.reactivated', summary: { status: { before: member.status, after: status } } },
  );
}

export function removeMember(client: Db, context: CommandContext, input: MemberRefInput) {
  return changeMember(
    client,
    context,
    input,
    null,
    'removed',
    async (tx, id) => {
      // A directory user keeps its SCIM record; its next change links the person again.
      await tx.directoryUser.updateMany({ where: { membershipId: id }, data: { membershipId: null } });
      await tx.membership.delete({ where: { id } });
    },
    (member) => ({ action: 'member.removed', summary: { role: member.role, status: member.status } }),
  );
}

/**
 * Adds a person the builder's app already knows to an organization, with a role and no invitation
 * email (the REST API). Under the organization's lock; someone already a member is refused, never
 * changed. The role must be the organization's and within the caller's own permissions.
 */
export async function addMember(
  client: Db,
  context: CommandContext,
  input: AddMemberInput,
): Promise<Result<{ membershipId: string; userId: string; email: string }>> {
  const refused = await refuseGrant(client, context.principal, input.organizationId, input.role);
  if (refused) return refused;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const user = await tx.user.upsert({
      where: { email: input.email },
      create: { email: input.email, name: input.name || null },
      update: {},
      select: { id: true, email: true },
    });
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: user.id } },
      select: { id: true },
    });
    if (existing) {
      return fail('already_member', undefined, { fieldErrors: { email: ['This address is already a member here.'] } });
    }
    const membership = await tx.membership.create({
      data: { organizationId: input.organizationId, userId: user.id, role: input.role, joinedVia: 'api', createdAt: context.now },
      select: { id: true },
    });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: 'member.joined',
        target: { type: 'member', id: user.id, label: user.email },
        summary: { via: 'api', role: input.role },
      },
    ]);
    return ok({ membershipId: membership.id, userId: user.id, email: user.email });
  });
}
