import crypto from 'node:crypto';
import { judgeGrant, refuseGrant } from '@/lib/access/permissions';
import type { RoleKey } from '@/lib/access/roles';
import { type AuditEventInput, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { getConfig } from '@/lib/config';
import type { Db, DbOrTx, Tx } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import type { OrganizationRefInput } from '@/lib/organizations/schemas';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { describeRetry, hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { cancelInvitationEmails, enqueueInvitationEmail } from './delivery';
import { invitationTemplateFingerprint } from './fingerprint';
import { splitAddressInput } from './parse';
import { canResend, canRevoke, invitationExpiresAt, MAX_ADDRESSES_PER_BATCH } from './policy';
import { loadReviewContext } from './queries';
import { REVIEW_WARNING_LABELS, type ReviewRow, reviewAddresses, sendableAddresses } from './review';
import type { InvitationRefInput, ReinviteInput, ReviewInvitationsInput, SendInvitationsInput, TestInvitationInput } from './schemas';
import { deriveInvitationToken, hashToken, newTokenNonce } from './tokens';

function tooMany(count: number) {
  return fail('too_many_addresses', `That is ${count} addresses. Invite at most ${MAX_ADDRESSES_PER_BATCH} at a time.`, {
    fieldErrors: { addresses: [`Paste at most ${MAX_ADDRESSES_PER_BATCH} addresses at a time (you pasted ${count}).`] },
  });
}

/** The review step: every pasted address, normalized and marked. Writes nothing. */
export async function reviewInvitations(
  client: Db,
  { now, principal }: CommandContext,
  input: ReviewInvitationsInput,
): Promise<Result<{ rows: ReviewRow[] }>> {
  const context = await loadReviewContext(client, input.organizationId, input.role, now);
  if (!context) return notFound();
  const refused = judgeGrant(context.role, principal, input.organizationId);
  if (refused) return refused;
  const entries = splitAddressInput(input.addresses);
  if (entries.length > MAX_ADDRESSES_PER_BATCH) return tooMany(entries.length);
  if (!entries.length)
    return fail('invalid_input', 'Enter at least one email address.', {
      fieldErrors: { addresses: ['Enter at least one email address.'] },
    });
  return ok({ rows: reviewAddresses(entries, context) });
}

/**
 * A new pending invitation and its queued email, inside the caller's transaction. Returns its
 * audit event, for the caller to write with the rest of the change's.
 */
async function insertInvitation(
  tx: Tx,
  context: CommandContext,
  organizationId: string,
  email: string,
  role: RoleKey,
  days: number,
  isTest: boolean,
) {
  const { now } = context;
  const inviter = actingUser(context);
  const id = crypto.randomUUID();
  const tokenNonce = newTokenNonce();
  const token = deriveInvitationToken(getConfig().authSecret, id, tokenNonce);
  const invitation = await tx.invitation.create({
    data: {
      id,
      organizationId,
      email,
      role,
      isTest,
      // A test proves how invitations look: it records the template and sender it went out with.
      templateFingerprint: isTest ? await invitationTemplateFingerprint() : null,
      tokenNonce,
      tokenHash: hashToken(token),
      lifetimeDays: days,
      expiresAt: invitationExpiresAt(now, days),
      deliveryStatus: 'queued',
      invitedByEmail: inviter?.email ?? null,
      invitedById: inviter?.userId ?? null,
      createdAt: now,
    },
  });
  await enqueueInvitationEmail(tx, { id, organizationId, tokenNonce, email }, now);
  return {
    organizationId,
    action: isTest ? 'invitation.test_sent' : 'invitation.sent',
    target: { type: 'invitation', id, label: email },
    summary: { role, expiresInDays: days, expiresAt: invitation.expiresAt.toISOString() },
  } satisfies AuditEventInput;
}

/** The person behind a principal, where there is one: invitations record who invited. */
function actingUser(context: CommandContext): { userId: string; email: string } | null {
  const { principal } = context;
  return principal.kind === 'console_user' || principal.kind === 'member' ? { userId: principal.userId, email: principal.email } : null;
}

async function takeSendAllowance(client: DbOrTx, organizationId: string, count: number, now: Date) {
  const limit = await hitRateLimit(client, `invitations:org:${organizationId}`, RATE_LIMITS.invitationSendsPerOrganization, now, count);
  if (limit.allowed) return null;
  return fail(
    'rate_limited',
    `This organization has reached ${RATE_LIMITS.invitationSendsPerOrganization.limit} invitations an hour. Wait ${describeRetry(limit.retryAfterSeconds)} and send the rest.`,
  );
}

/**
 * Sends the ready addresses (and warned ones the builder confirmed): each invitation and its
 * email are written in one transaction, re-reviewed on the server, never trusting the form.
 */
export async function createInvitations(
  client: Db,
  context: CommandContext,
  input: SendInvitationsInput,
): Promise<Result<{ sent: string[]; rows: ReviewRow[] }>> {
  const { now } = context;
  const entries = splitAddressInput(input.addresses);
  if (entries.length > MAX_ADDRESSES_PER_BATCH) return tooMany(entries.length);
  // Reviewed once, under the organization's lock (which also proves it exists): a concurrent send
  // can't invite the same address twice. The rate-limit allowance is taken in the same transaction.
  return client.$transaction(async (tx) => {
    // The lock in a statement of its own: a statement that waits for it reads as of before the
    // holder committed, and would miss the address it just invited.
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const review = await loadReviewContext(tx, input.organizationId, input.role, now);
    if (!review) return notFound();
    const refusedRole = judgeGrant(review.role, context.principal, input.organizationId);
    if (refusedRole) return refusedRole;
    const rows = reviewAddresses(entries, review);
    const sendable = sendableAddresses(rows, new Set(input.confirm));
    if (!sendable.length) {
      return fail('nothing_to_send', 'No address is ready to send. Fix or remove the marked addresses, or confirm the warned ones.');
    }
    const refused = await takeSendAllowance(tx, input.organizationId, sendable.length, now);
    if (refused) return refused;
    // An expired invitation to the same address is superseded by the new one.
    const superseded = sendable.filter((email) => review.expiredPendingEmails.has(email));
    if (superseded.length) {
      await tx.invitation.updateMany({
        where: {
          organizationId: input.organizationId,
          email: { in: superseded },
          status: 'pending',
          expiresAt: { lte: now },
          isTest: false,
        },
        data: { status: 'expired' },
      });
    }
    const events: AuditEventInput[] = [];
    for (const email of sendable) {
      events.push(await insertInvitation(tx, context, input.organizationId, email, input.role, input.expiresInDays, false));
    }
    // The sends' audit events are written with the state change's, in one statement.
    await recomputeOrganizationState(tx, input.organizationId, now, context, events);
    return ok({ sent: sendable, rows });
  });
}

/** The same email, to the builder, marked as a test: it can't grant membership or move the state. */
export async function sendTestInvitation(
  client: Db,
  context: CommandContext,
  input: TestInvitationInput,
): Promise<Result<{ email: string }>> {
  const { now } = context;
  const me = actingUser(context);
  if (!me) return fail('forbidden', 'A test invitation goes to the person sending it; this caller has no address.');
  const exists = await client.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
  if (!exists) return notFound();
  const refusedRole = await refuseGrant(client, context.principal, input.organizationId, input.role);
  if (refusedRole) return refusedRole;
  const refused = await takeSendAllowance(client, input.organizationId, 1, now);
  if (refused) return refused;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    // A test changes no state rule, but the launch check reads it: recomputed, with its event.
    const sent = await insertInvitation(tx, context, input.organizationId, me.email, input.role, input.expiresInDays, true);
    await recomputeOrganizationState(tx, input.organizationId, now, context, [sent]);
    return ok({ email: me.email });
  });
}

async function findScopedInvitation(tx: Tx, input: InvitationRefInput) {
  // Scoped by organization: another organization's invitation id answers "not found".
  return tx.invitation.findFirst({ where: { id: input.invitationId, organizationId: input.organizationId } });
}

type StoredInvitation = NonNullable<Awaited<ReturnType<typeof findScopedInvitation>>>;

/** A new token (the old link stops working), a renewed expiry, and the email queued again. */
async function reissueInvitation(tx: Tx, context: CommandContext, invitation: StoredInvitation, status: string) {
  const { now } = context;
  const tokenNonce = newTokenNonce();
  const tokenHash = hashToken(deriveInvitationToken(getConfig().authSecret, invitation.id, tokenNonce));
  const expiresAt = invitationExpiresAt(now, invitation.lifetimeDays);
  await tx.retiredInvitationToken.create({ data: { tokenHash: invitation.tokenHash, invitationId: invitation.id, retiredAt: now } });
  await cancelInvitationEmails(tx, invitation.id, 'A newer email replaced this one (resend).', now);
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { tokenNonce, tokenHash, status: 'pending', expiresAt, deliveryStatus: 'queued', deliveryError: null },
  });
  await enqueueInvitationEmail(
    tx,
    { id: invitation.id, organizationId: invitation.organizationId, tokenNonce, email: invitation.email },
    now,
  );
  await recordAudit(tx, context, {
    organizationId: invitation.organizationId,
    action: 'invitation.resent',
    target: { type: 'invitation', id: invitation.id, label: invitation.email },
    summary: {
      status: { before: status, after: 'pending' },
      expiresAt: { before: invitation.expiresAt.toISOString(), after: expiresAt.toISOString() },
    },
  });
}

/** Rotates the token (the old link stops working), renews the expiry and queues the email again. */
export async function resendInvitation(client: Db, context: CommandContext, input: InvitationRefInput): Promise<Result<{ email: string }>> {
  const { now } = context;
  const exists = await client.invitation.findFirst({
    where: { id: input.invitationId, organizationId: input.organizationId },
    select: { id: true },
  });
  if (!exists) return notFound();
  const limit = await hitRateLimit(client, `invitations:resend:${input.invitationId}`, RATE_LIMITS.invitationResendsPerInvitation, now);
  if (!limit.allowed) {
    return fail(
      'rate_limited',
      `This invitation was sent ${RATE_LIMITS.invitationResendsPerInvitation.limit} times in the last hour. Wait ${describeRetry(limit.retryAfterSeconds)} before resending; check the address and its spam folder meanwhile.`,
    );
  }
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const invitation = await findScopedInvitation(tx, input);
    if (!invitation) return notFound();
    const status = effectiveInvitationStatus(invitation, now);
    if (!canResend(status))
      return fail('not_resendable', `This invitation is ${status}; only pending or expired invitations can be resent.`);
    if (!invitation.isTest) {
      // A newer invitation to the same address superseded this one: resending would give one
      // person two live links (the database's partial unique index refuses it too).
      const newer = await tx.invitation.findFirst({
        where: {
          organizationId: input.organizationId,
          email: invitation.email,
          status: 'pending',
          isTest: false,
          id: { not: invitation.id },
        },
        select: { createdAt: true },
      });
      if (newer) {
        return fail(
          'superseded',
          `A newer invitation to ${invitation.email} was sent on ${formatDateTime(newer.createdAt)}. Resend that one instead.`,
        );
      }
    }
    await reissueInvitation(tx, context, invitation, status);
    await recomputeOrganizationState(tx, input.organizationId, now, context);
    return ok({ email: invitation.email });
  });
}

/** Marks an invitation revoked, drops its queued email (saying why), and records it. */
async function markRevoked(
  tx: Tx,
  context: CommandContext,
  invitation: StoredInvitation,
  status: string,
  why: string,
  extra: Record<string, unknown> = {},
) {
  await tx.invitation.update({ where: { id: invitation.id }, data: { status: 'revoked', revokedAt: context.now } });
  await cancelInvitationEmails(tx, invitation.id, why, context.now);
  await recordAudit(tx, context, {
    organizationId: invitation.organizationId,
    action: 'invitation.revoked',
    target: { type: 'invitation', id: invitation.id, label: invitation.email },
    summary: { status: { before: status, after: 'revoked' }, ...extra },
  });
}

/** Revokes a pending invitation: its link stops working at once and queued mail is dropped. */
export async function revokeInvitation(client: Db, context: CommandContext, input: InvitationRefInput): Promise<Result<{ email: string }>> {
  const { now } = context;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const invitation = await findScopedInvitation(tx, input);
    if (!invitation) return notFound();
    const status = effectiveInvitationStatus(invitation, now);
    if (!canRevoke(status)) return fail('not_revocable', `This invitation is ${status}; only pending invitations can be revoked.`);
    await markRevoked(tx, context, invitation, status, 'The invitation was revoked before this email was sent.');
    await recomputeOrganizationState(tx, input.organizationId, now, context);
    return ok({ email: invitation.email });
  });
}

/**
 * The Overview's "Resend" for an organization whose every invitation expired unused: each expired
 * invitation that no newer one replaced is sent again, in one transaction.
 */
export async function resendExpiredInvitations(
  client: Db,
  context: CommandContext,
  input: OrganizationRefInput,
): Promise<Result<{ emails: string[] }>> {
  const { now } = context;
  const expiredWhere = {
    organizationId: input.organizationId,
    isTest: false,
    OR: [{ status: 'expired' as const }, { status: 'pending' as const, expiresAt: { lte: now } }],
  };
  const count = await client.invitation.count({ where: expiredWhere });
  if (!count) return fail('nothing_to_send', 'No invitation of this organization has expired.');
  const refused = await takeSendAllowance(client, input.organizationId, count, now);
  if (refused) return refused;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const expired = await tx.invitation.findMany({ where: expiredWhere, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const live = new Set(
      (
        await tx.invitation.findMany({
          where: { organizationId: input.organizationId, isTest: false, status: 'pending', expiresAt: { gt: now } },
          select: { email: true },
        })
      ).map((invitation) => invitation.email),
    );
    const emails: string[] = [];
    // The newest expired invitation to each address is sent again; older ones stay expired.
    for (const invitation of expired) {
      if (live.has(invitation.email)) continue;
      live.add(invitation.email);
      await reissueInvitation(tx, context, invitation, 'expired');
      emails.push(invitation.email);
    }
    if (!emails.length) return fail('nothing_to_send', 'Every expired invitation was already replaced by a newer one.');
    await recomputeOrganizationState(tx, input.organizationId, now, context);
    return ok({ emails });
  });
}

/**
 * "Fix the address and re-invite": a pending invitation whose email bounced or could not be
 * delivered is revoked, and a new one with the same role and lifetime goes to the corrected
 * address, in one transaction. The new address passes the same review as any invitation.
 */
export async function reinviteAtNewAddress(
  client: Db,
  context: CommandContext,
  input: ReinviteInput,
): Promise<Result<{ email: string; previous: string }>> {
  const { now } = context;
  const exists = await client.invitation.findFirst({
    where: { id: input.invitationId, organizationId: input.organizationId },
    select: { id: true },
  });
  if (!exists) return notFound();
  const refused = await takeSendAllowance(client, input.organizationId, 1, now);
  if (refused) return refused;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const invitation = await findScopedInvitation(tx, input);
    if (!invitation) return notFound();
    const status = effectiveInvitationStatus(invitation, now);
    if (status !== 'pending' || invitation.isTest) {
      return fail(
        'not_revocable',
        `This invitation is ${invitation.isTest ? 'a test' : status}; only a pending invitation can be re-sent to a new address.`,
      );
    }
    const review = await loadReviewContext(tx, input.organizationId, invitation.role, now);
    if (!review) return notFound();
    const [row] = reviewAddresses([input.email], review);
    const fieldFailure = (message: string) =>
      fail('invalid_input', message, { fieldErrors: { email: [message] }, values: { email: input.email } });
    if (row?.status !== 'ready') {
      return fieldFailure(
        row?.address === invitation.email
          ? 'That is the same address. Resend the invitation instead.'
          : (row?.reason ?? 'Enter a valid email address.'),
      );
    }
    if (row.warnings.length && !input.confirmWarnings) {
      return fieldFailure(`${row.warnings.map((w) => REVIEW_WARNING_LABELS[w]).join('; ')}. Tick “Send anyway” to invite this address.`);
    }
    await markRevoked(tx, context, invitation, status, 'The invitation was re-sent to a corrected address.', { replacedBy: row.address });
    const sent = await insertInvitation(tx, context, input.organizationId, row.address!, invitation.role, invitation.lifetimeDays, false);
    await recomputeOrganizationState(tx, input.organizationId, now, context, [sent]);
    return ok({ email: row.address!, previous: invitation.email });
  });
}
