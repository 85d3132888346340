import crypto from 'node:crypto';
import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { getConfig } from '@/lib/config';
import type { Db, Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { canResend, canRevoke, invitationExpiresAt } from '@/lib/invitations/policy';
import { deriveInvitationToken, hashToken, newTokenNonce } from '@/lib/invitations/tokens';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { describeRetry, hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { cancelConsoleInvitationEmails, enqueueConsoleInvitationEmail } from './delivery';
import { type ConsoleUserChange, type ConsoleUserFact, leavesNoConsoleOwner, whyNotEditable } from './policy';
import { CONSOLE_ROLE_LABELS, resolveConsoleRole } from './roles';
import type { ChangeConsoleRoleInput, ConsoleInvitationRefInput, ConsoleUserRefInput, InviteConsoleUserInput } from './schemas';

const NO_TARGET = { type: 'console_user' } as const;

function inviter(context: CommandContext): { userId: string; email: string } | null {
  const { principal } = context;
  return principal.kind === 'console_user' ? { userId: principal.userId, email: principal.email } : null;
}

function alreadyHasAccess(email: string, how: string) {
  const message = `${email} ${how}`;
  return fail('already_console_user', message, { fieldErrors: { email: [message] } });
}

/**
 * Invites someone to the console with a console role: the invitation and its email job are
 * written in one transaction, as organization invitations are. Never makes anyone a member.
 */
export async function inviteConsoleUser(
  client: Db,
  context: CommandContext,
  input: InviteConsoleUserInput,
): Promise<Result<{ id: string; email: string }>> {
  const { now } = context;
  const builders = getConfig().builders;
  if (resolveConsoleRole(input.email, null, builders) === 'owner') {
    return alreadyHasAccess(input.email, 'is a console owner through ADMIN_EMAILS.');
  }
  const existing = await client.user.findUnique({ where: { email: input.email }, select: { consoleUser: true } });
  const row = existing?.consoleUser;
  if (row && row.source === 'invitation') {
    return alreadyHasAccess(
      input.email,
      row.status === 'suspended'
        ? 'is a suspended console user. Reactivate them on this page instead.'
        : `is already a console user (${CONSOLE_ROLE_LABELS[row.role]}). Change their role on this page instead.`,
    );
  }
  const limit = await hitRateLimit(client, 'invitations:console', RATE_LIMITS.consoleInvitationSends, now);
  if (!limit.allowed) {
    return fail(
      'rate_limited',
      `The console has sent ${RATE_LIMITS.consoleInvitationSends.limit} invitations this hour. Wait ${describeRetry(limit.retryAfterSeconds)} and try again.`,
    );
  }
  const pendingMessage = `${input.email} already has a pending console invitation. Resend it from the list instead.`;
  try {
    return await client.$transaction(async (tx) => {
      // An expired invitation to the same address is superseded by the new one.
      await tx.consoleInvitation.updateMany({
        where: { email: input.email, status: 'pending', expiresAt: { lte: now } },
        data: { status: 'expired' },
      });
      const by = inviter(context);
      const id = crypto.randomUUID();
      const tokenNonce = newTokenNonce();
      const invitation = await tx.consoleInvitation.create({
        data: {
          id,
          email: input.email,
          role: input.role,
          tokenNonce,
          tokenHash: hashToken(deriveInvitationToken(getConfig().authSecret, id, tokenNonce)),
          lifetimeDays: input.expiresInDays,
          expiresAt: invitationExpiresAt(now, input.expiresInDays),
          invitedByEmail: by?.email ?? null,
          invitedById: by?.userId ?? null,
          createdAt: now,
        },
      });
      await enqueueConsoleInvitationEmail(tx, invitation, now);
      await recordAudit(tx, context, {
        organizationId: null,
        action: 'console_invitation.sent',
        target: { type: 'console_invitation', id, label: input.email },
        summary: { role: input.role, expiresInDays: input.expiresInDays, expiresAt: invitation.expiresAt.toISOString() },
      });
      return ok({ id, email: input.email });
    });
  } catch (error) {
    // The one-pending-per-address index decides a race, and explains an invitation already out.
    if (isUniqueViolation(error)) return fail('already_console_user', pendingMessage, { fieldErrors: { email: [pendingMessage] } });
    throw error;
  }
}

/** Sends a pending or expired console invitation again, with a new link and a new lifetime. */
export async function resendConsoleInvitation(
  client: Db,
  context: CommandContext,
  input: ConsoleInvitationRefInput,
): Promise<Result<{ email: string }>> {
  const { now } = context;
  const allowance = await hitRateLimit(client, `resend:${input.invitationId}`, RATE_LIMITS.invitationResendsPerInvitation, now);
  if (!allowance.allowed) {
    return fail(
      'rate_limited',
      `This invitation was resent ${RATE_LIMITS.invitationResendsPerInvitation.limit} times this hour. Wait ${describeRetry(allowance.retryAfterSeconds)}.`,
    );
  }
  try {
    return await client.$transaction(async (tx) => {
      const invitation = await tx.consoleInvitation.findUnique({ where: { id: input.invitationId } });
      if (!invitation) return notFound();
      const status = effectiveInvitationStatus(invitation, now);
      if (!canResend(status)) return fail('not_resendable', `This invitation was ${status}; it can’t be resent.`);
      const tokenNonce = newTokenNonce();
      const updated = await tx.consoleInvitation.update({
        where: { id: invitation.id },
        data: {
          status: 'pending',
          tokenNonce,
          tokenHash: hashToken(deriveInvitationToken(getConfig().authSecret, invitation.id, tokenNonce)),
          expiresAt: invitationExpiresAt(now, invitation.lifetimeDays),
          deliveryStatus: 'queued',
          deliveryError: null,
        },
      });
      await cancelConsoleInvitationEmails(tx, invitation.id, 'A newer email replaced this one (resend).', now);
      await enqueueConsoleInvitationEmail(tx, updated, now);
      await recordAudit(tx, context, {
        organizationId: null,
        action: 'console_invitation.resent',
        target: { type: 'console_invitation', id: invitation.id, label: invitation.email },
        summary: { expiresAt: updated.expiresAt.toISOString() },
      });
      return ok({ email: invitation.email });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail('superseded', 'A newer console invitation to this address is pending. Resend that one instead.');
    }
    throw error;
  }
}

/** Revokes a pending console invitation: its link stops working at once and its queued email is dropped. */
export async function revokeConsoleInvitation(
  client: Db,
  context: CommandContext,
  input: ConsoleInvitationRefInput,
): Promise<Result<{ email: string }>> {
  const { now } = context;
  return client.$transaction(async (tx) => {
    const invitation = await tx.consoleInvitation.findUnique({ where: { id: input.invitationId } });
    if (!invitation) return notFound();
    const status = effectiveInvitationStatus(invitation, now);
    if (!canRevoke(status)) return fail('not_revocable', `This invitation was ${status}; only a pending invitation can be revoked.`);
    const claimed = await tx.consoleInvitation.updateMany({
      where: { id: invitation.id, status: 'pending' },
      data: { status: 'revoked', revokedAt: now },
    });
    if (claimed.count !== 1) return fail('not_revocable', 'This invitation changed meanwhile; reload the page.');
    await cancelConsoleInvitationEmails(tx, invitation.id, 'The invitation was revoked before this email was sent.', now);
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'console_invitation.revoked',
      target: { type: 'console_invitation', id: invitation.id, label: invitation.email },
      summary: { role: invitation.role },
    });
    return ok({ email: invitation.email });
  });
}

/**
 * Every console user who is an owner now, and the target, locked: two owners demoting each other
 * at once queue here, and the second sees the first's change.
 */
async function lockOwners(tx: Tx, userId: string): Promise<{ owners: ConsoleUserFact[]; target: ConsoleUserFact | null }> {
  const rows = await tx.$queryRaw<ConsoleUserFact[]>`
    SELECT cu."user_id" AS "userId", u."email", cu."role"::text AS "role", cu."source"::text AS "source", cu."status"::text AS "status"
    FROM "console_users" cu JOIN "users" u ON u."id" = cu."user_id"
    WHERE cu."role" = 'owner' OR cu."user_id" = ${userId}::uuid
    ORDER BY cu."user_id"
    FOR UPDATE OF cu`;
  return { owners: rows.filter((row) => row.role === 'owner'), target: rows.find((row) => row.userId === userId) ?? null };
}

const LAST_OWNER = {
  role: 'This is the console’s last owner. Make someone else an owner first, then change this role.',
  suspend: 'This is the console’s last owner. Make someone else an owner first, then suspend this one.',
  reactivate: '',
  remove: 'This is the console’s last owner. Make someone else an owner first, then remove this one.',
} as const;

type ConsoleUserAction = keyof typeof LAST_OWNER;

/** One change to a console user, under the owners' lock, with its audit event. */
async function changeConsoleUser(
  client: Db,
  context: CommandContext,
  userId: string,
  action: ConsoleUserAction,
  change: (target: ConsoleUserFact) => ConsoleUserChange | 'unchanged',
  apply: (tx: Tx, target: ConsoleUserFact) => Promise<unknown>,
  event: (target: ConsoleUserFact) => {
    action: 'console_user.role_changed' | 'console_user.suspended' | 'console_user.reactivated' | 'console_user.removed';
    summary: Record<string, unknown>;
  },
): Promise<Result<{ email: string }>> {
  const builders = getConfig().builders;
  const actor = inviter(context);
  return client.$transaction(async (tx) => {
    const { owners, target } = await lockOwners(tx, userId);
    if (!target) return notFound();
    const refusal = whyNotEditable(target, builders, actor?.userId ?? '', action);
    if (refusal) return fail(refusal);
    const next = change(target);
    if (next === 'unchanged') return ok({ email: target.email });
    const considered = owners.some((row) => row.userId === target.userId) ? owners : [...owners, target];
    if (leavesNoConsoleOwner(considered, builders, target.userId, next)) return fail('last_console_owner', LAST_OWNER[action]);
    await apply(tx, target);
    const described = event(target);
    await recordAudit(tx, context, {
      organizationId: null,
      action: described.action,
      target: { ...NO_TARGET, id: target.userId, label: target.email },
      summary: described.summary,
    });
    return ok({ email: target.email });
  });
}

/** A suspended or removed console user's console sessions end at once; member sessions stay. */
function endConsoleSessions(tx: Tx, userId: string) {
  return tx.session.deleteMany({ where: { userId, audience: 'console' } });
}

export function changeConsoleRole(client: Db, context: CommandContext, input: ChangeConsoleRoleInput) {
  return changeConsoleUser(
    client,
    context,
    input.userId,
    'role',
    (target) => (target.role === input.role ? 'unchanged' : { role: input.role }),
    (tx, target) => tx.consoleUser.update({ where: { userId: target.userId }, data: { role: input.role } }),
    (target) => ({ action: 'console_user.role_changed', summary: changedFields({ role: target.role }, { role: input.role }) }),
  );
}

export function suspendConsoleUser(client: Db, context: CommandContext, input: ConsoleUserRefInput) {
  return changeConsoleUser(
    client,
    context,
    input.userId,
    'suspend',
    (target) => (target.status === 'suspended' ? 'unchanged' : { status: 'suspended' }),
    async (tx, target) => {
      await tx.consoleUser.update({ where: { userId: target.userId }, data: { status: 'suspended', suspendedAt: context.now } });
      await endConsoleSessions(tx, target.userId);
    },
    (target) => ({ action: 'console_user.suspended', summary: { role: target.role } }),
  );
}

export function reactivateConsoleUser(client: Db, context: CommandContext, input: ConsoleUserRefInput) {
  return changeConsoleUser(
    client,
    context,
    input.userId,
    'reactivate',
    (target) => (target.status === 'active' ? 'unchanged' : { status: 'active' }),
    (tx, target) => tx.consoleUser.update({ where: { userId: target.userId }, data: { status: 'active', suspendedAt: null } }),
    (target) => ({ action: 'console_user.reactivated', summary: { role: target.role } }),
  );
}

export function removeConsoleUser(client: Db, context: CommandContext, input: ConsoleUserRefInput) {
  return changeConsoleUser(
    client,
    context,
    input.userId,
    'remove',
    () => null,
    async (tx, target) => {
      await tx.consoleUser.delete({ where: { userId: target.userId } });
      await endConsoleSessions(tx, target.userId);
    },
    (target) => ({ action: 'console_user.removed', summary: { role: target.role, source: target.source } }),
  );
}
