import { recordAudit, recordAuditEvents } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import type { Db, Tx } from '@/lib/db/client';
import { endSessionsIfNoActiveMembership } from '@/lib/members/sign-in';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import type {
  CreateDirectoryInput,
  DeleteDirectoryInput,
  DirectoryRefInput,
  ReviewDeprovisionedInput,
  RevokeTokenInput,
  RotateTokenInput,
  SetOrganizationCreationInput,
  UpdateDirectoryInput,
} from './schemas';
import { newDirectoryToken } from './tokens';

/**
 * The console's directory changes: create (with its first token, shown once), rotate and revoke
 * tokens, settings, the review of deprovisioned users, delete. Each is scoped to the organization
 * (another's directory is "not found"), runs under its lock, and writes its audit event.
 */
const target = (directory: { id: string; name: string }) => ({ type: 'directory', id: directory.id, label: directory.name });

async function findDirectory(tx: Tx, input: DirectoryRefInput) {
  if (!(await lockOrganization(tx, input.organizationId))) return null;
  return tx.directory.findFirst({ where: { id: input.directoryId, organizationId: input.organizationId } });
}

function actorLabel(context: CommandContext): string {
  const actor = principalRecord(context.principal);
  return actor.email ?? actor.id ?? actor.kind;
}

async function issueToken(tx: Tx, context: CommandContext, directory: { id: string; organizationId: string }) {
  const token = newDirectoryToken();
  const row = await tx.directoryToken.create({
    data: {
      directoryId: directory.id,
      organizationId: directory.organizationId,
      tokenHash: token.hash,
      prefix: token.prefix,
      createdBy: actorLabel(context),
      createdAt: context.now,
    },
    select: { id: true },
  });
  return { id: row.id, token: token.token, prefix: token.prefix };
}

/** Creates the organization's directory and its first token (the only time it is shown). */
export async function createDirectory(
  client: Db,
  context: CommandContext,
  input: CreateDirectoryInput,
): Promise<Result<{ directoryId: string; token: string }>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const existing = await tx.directory.findUnique({ where: { organizationId: input.organizationId }, select: { id: true } });
    if (existing) return fail('directory_exists');
    const directory = await tx.directory.create({
      data: { organizationId: input.organizationId, name: input.name, provider: input.provider, configuredAt: context.now },
    });
    const token = await issueToken(tx, context, directory);
    await recordAuditEvents(tx, context, [
      {
        organizationId: input.organizationId,
        action: 'directory.created',
        target: target(directory),
        summary: { provider: input.provider },
      },
      {
        organizationId: input.organizationId,
        action: 'directory.token_created',
        target: target(directory),
        summary: { prefix: token.prefix },
      },
    ]);
    return ok({ directoryId: directory.id, token: token.token });
  });
}

/**
 * A new token; the ones in use keep working for `overlapHours` (0: they stop now), so the
 * identity provider can be switched without a gap.
 */
export async function rotateDirectoryToken(
  client: Db,
  context: CommandContext,
  input: RotateTokenInput,
): Promise<Result<{ token: string; overlapEndsAt: Date }>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    const overlapEndsAt = new Date(context.now.getTime() + input.overlapHours * 3_600_000);
    const retired = await tx.directoryToken.updateMany({
      where: { directoryId: directory.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: overlapEndsAt } }] },
      data: { expiresAt: overlapEndsAt },
    });
    const token = await issueToken(tx, context, directory);
    await tx.directory.update({ where: { id: directory.id }, data: { configuredAt: context.now } });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'directory.token_created',
      target: target(directory),
      summary: { prefix: token.prefix, rotated: retired.count, overlapHours: input.overlapHours },
    });
    return ok({ token: token.token, overlapEndsAt });
  });
}

/** Revokes one token at once. */
export async function revokeDirectoryToken(
  client: Db,
  context: CommandContext,
  input: RevokeTokenInput,
): Promise<Result<{ prefix: string }>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    const token = await tx.directoryToken.findFirst({ where: { id: input.tokenId, directoryId: directory.id, revokedAt: null } });
    if (!token) return notFound();
    await tx.directoryToken.update({ where: { id: token.id }, data: { revokedAt: context.now } });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'directory.token_revoked',
      target: target(directory),
      summary: { prefix: token.prefix },
    });
    return ok({ prefix: token.prefix });
  });
}

/** Name, provider, the intended SSO connection, deprovisioning and the silence limit. */
export async function updateDirectory(client: Db, context: CommandContext, input: UpdateDirectoryInput): Promise<Result<null>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    const ssoConnectionId = input.ssoConnectionId || null;
    if (ssoConnectionId) {
      const connection = await tx.ssoConnection.findFirst({
        where: { id: ssoConnectionId, organizationId: input.organizationId },
        select: { id: true },
      });
      if (!connection) {
        const message = 'Choose one of this organization’s SSO connections.';
        return fail('invalid_input', message, { fieldErrors: { ssoConnectionId: [message] } });
      }
    }
    const next = {
      name: input.name,
      provider: input.provider,
      ssoConnectionId,
      suspendOnDeprovision: input.suspendOnDeprovision,
      staleAfterHours: input.staleAfterHours,
    };
    const changed = Object.fromEntries(
      Object.entries(next)
        .filter(([key, value]) => directory[key as keyof typeof next] !== value)
        .map(([key, value]) => [key, { before: directory[key as keyof typeof next], after: value }]),
    );
    if (Object.keys(changed).length === 0) return ok(null);
    await tx.directory.update({ where: { id: directory.id }, data: { ...next, configuredAt: context.now } });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: 'directory.settings_changed',
        target: target({ ...directory, name: input.name }),
        summary: changed,
      },
    ]);
    return ok(null);
  });
}

/**
 * Whether new directory groups create organizations. Turning it on records who approved it and
 * when (like auto-join's approval; a check constraint requires it); off keeps the record.
 */
export async function setOrganizationCreation(
  client: Db,
  context: CommandContext,
  input: SetOrganizationCreationInput,
): Promise<Result<null>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    if (directory.createOrganizations === input.enabled) return ok(null);
    await tx.directory.update({
      where: { id: directory.id },
      data: input.enabled
        ? {
            createOrganizations: true,
            createOrganizationsApprovedAt: context.now,
            createOrganizationsApprovedBy: actorLabel(context),
            configuredAt: context.now,
          }
        : { createOrganizations: false, configuredAt: context.now },
    });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'directory.organization_creation_changed',
      target: target(directory),
      summary: {
        enabled: { before: directory.createOrganizations, after: input.enabled },
        ...(input.enabled ? { approvedBy: actorLabel(context) } : {}),
      },
    });
    return ok(null);
  });
}

/**
 * A builder's decision on a user the directory deprovisioned while automatic suspension was off:
 * suspend the membership (their sessions end), or keep it. Either clears the flag.
 */
export async function reviewDeprovisionedUser(
  client: Db,
  context: CommandContext,
  input: ReviewDeprovisionedInput,
): Promise<Result<{ email: string }>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    const user = await tx.directoryUser.findFirst({
      where: { id: input.directoryUserId, directoryId: directory.id, reviewRequired: true },
      select: {
        id: true,
        userName: true,
        membership: { select: { id: true, userId: true, role: true, status: true, user: { select: { email: true } } } },
      },
    });
    if (!user) return notFound();
    const member = user.membership;
    const email = member?.user.email ?? user.userName;
    if (input.decision === 'suspend' && member?.status === 'active') {
      if (member.role === 'owner') {
        const owners = await tx.membership.count({ where: { organizationId: input.organizationId, role: 'owner', status: 'active' } });
        if (owners <= 1)
          return fail(
            'last_owner',
            'This is the organization’s last active owner. Make another member an owner first, then suspend this one.',
          );
      }
      await tx.membership.update({ where: { id: member.id }, data: { status: 'suspended' } });
      await endSessionsIfNoActiveMembership(tx, member.userId);
    }
    await tx.directoryUser.update({
      where: { id: user.id },
      data: {
        reviewRequired: false,
        ...(input.decision === 'suspend' && member?.status === 'active' ? { suspendedByDirectory: true } : {}),
      },
    });
    const events = [
      {
        organizationId: input.organizationId,
        action: 'directory.review_resolved' as const,
        target: { type: 'directory_user', id: user.id, label: email },
        summary: { decision: input.decision },
      },
      ...(input.decision === 'suspend' && member?.status === 'active'
        ? [
            {
              organizationId: input.organizationId,
              action: 'member.suspended' as const,
              target: { type: 'member', id: member.userId, label: email },
              summary: { status: { before: 'active', after: 'suspended' }, via: 'directory_review' },
            },
          ]
        : []),
    ];
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, events);
    return ok({ email });
  });
}

/**
 * Deletes the directory with its tokens, users, groups and log. Members it provisioned stay
 * members (remove them in Members if they should go). Asks for the name to be typed.
 */
export async function deleteDirectory(client: Db, context: CommandContext, input: DeleteDirectoryInput): Promise<Result<{ name: string }>> {
  return client.$transaction(async (tx) => {
    const directory = await findDirectory(tx, input);
    if (!directory) return notFound();
    if (input.confirmName !== directory.name) {
      const message = `Type the directory’s name, ${directory.name}, to delete it.`;
      return fail('confirm_mismatch', message, { fieldErrors: { confirmName: [message] }, values: { confirmName: input.confirmName } });
    }
    const users = await tx.directoryUser.count({ where: { directoryId: directory.id, deletedAt: null } });
    await tx.directory.delete({ where: { id: directory.id } });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: 'directory.deleted',
        target: target(directory),
        summary: { provider: directory.provider, users },
      },
    ]);
    return ok({ name: directory.name });
  });
}
