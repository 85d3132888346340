import { getConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { SEND_CONCURRENCY, sendEmail } from '@/lib/email/mailer';
import {
  cancelMessage,
  claimDueMessages,
  markMessageFailed,
  markMessageForRetry,
  markMessageSent,
  type ClaimedMessage,
} from '@/lib/email/outbox';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { renderInvitation } from '@/emails/invitation';
import { MAX_DELIVERY_ATTEMPTS, classifyDeliveryError, retryDelayMs } from './policy';
import { deriveInvitationToken, hashToken } from './tokens';

export function acceptUrl(token: string): string {
  return `${getConfig().appUrl}/invite/${token}`;
}

const OUTBOX = { principal: systemPrincipal('email delivery'), request: { ip: null, requestId: null } };

type Outcome = 'sent' | 'retry' | 'failed' | 'cancelled';

/** Why a queued invitation email must not go out any more, or null when it still should. */
export function whyNotSend(
  invitation: { status: string; tokenNonce: string; expiresAt: Date } | null,
  message: { tokenNonce: string | null },
  now: Date,
): string | null {
  if (!invitation) return 'The invitation was deleted before this email was sent.';
  if (invitation.tokenNonce !== message.tokenNonce) return 'A newer email replaced this one (resend).';
  if (invitation.status === 'accepted') return 'The invitation was accepted before this email was sent.';
  if (invitation.status === 'revoked') return 'The invitation was revoked before this email was sent.';
  if (invitation.status === 'expired' || invitation.expiresAt <= now) return 'The invitation expired before this email was sent.';
  return null;
}

async function deliverInvitation(client: Db, message: ClaimedMessage, now: Date): Promise<Outcome> {
  const invitation = message.invitationId
    ? await client.invitation.findUnique({
        where: { id: message.invitationId },
        include: { organization: { select: { name: true } } },
      })
    : null;
  // Revoked, accepted, expired or re-sent since it was queued: this message is no longer wanted.
  const unwanted = whyNotSend(invitation, message, now);
  if (unwanted || !invitation) {
    await cancelMessage(client, message.id, unwanted ?? 'The invitation is gone.');
    return 'cancelled';
  }
  const token = deriveInvitationToken(getConfig().authSecret, invitation.id, invitation.tokenNonce);
  const tokenHash = hashToken(token);
  if (tokenHash !== invitation.tokenHash) {
    // AUTH_SECRET changed since the invitation was made: keep the stored hash in step with the link.
    await client.invitation.update({ where: { id: invitation.id }, data: { tokenHash } });
  }
  const email = renderInvitation({
    organizationName: invitation.organization.name,
    inviterEmail: invitation.invitedByEmail ?? 'Your administrator',
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    acceptUrl: acceptUrl(token),
    isTest: invitation.isTest,
  });
  try {
    await sendEmail({ to: invitation.email, ...email });
  } catch (error) {
    const { kind, words } = classifyDeliveryError(error as { responseCode?: number; code?: string; message?: string });
    const finalAttempt = kind === 'permanent' || message.attempts >= MAX_DELIVERY_ATTEMPTS;
    await client.$transaction(async (tx) => {
      if (finalAttempt) await markMessageFailed(tx, message.id, words);
      else await markMessageForRetry(tx, message.id, words, new Date(now.getTime() + retryDelayMs(message.attempts)));
      await tx.invitation.updateMany({
        where: { id: invitation.id, tokenNonce: invitation.tokenNonce },
        data: {
          deliveryStatus: finalAttempt ? (kind === 'permanent' ? 'bounced' : 'failed') : 'queued',
          deliveryError: finalAttempt ? words : `${words} Retrying automatically.`,
        },
      });
      if (finalAttempt) {
        await recordAudit(tx, { ...OUTBOX, now }, {
          organizationId: invitation.organizationId,
          action: 'invitation.delivery_failed',
          target: { type: 'invitation', id: invitation.id, label: invitation.email },
          summary: { delivery: kind === 'permanent' ? 'bounced' : 'failed', reason: words, attempts: message.attempts },
        });
        await recomputeOrganizationState(tx, invitation.organizationId, now, OUTBOX);
      }
    });
    return finalAttempt ? 'failed' : 'retry';
  }
  await client.$transaction(async (tx) => {
    await markMessageSent(tx, message.id, now);
    await tx.invitation.updateMany({
      where: { id: invitation.id, tokenNonce: invitation.tokenNonce },
      data: { deliveryStatus: 'sent', deliveryError: null, lastSentAt: now, sendCount: { increment: 1 } },
    });
    // Queued -> sent changes no state rule; only a delivery that had failed needs the state redone.
    if (invitation.deliveryStatus === 'failed' || invitation.deliveryStatus === 'bounced') {
      await recomputeOrganizationState(tx, invitation.organizationId, now, OUTBOX);
    }
  });
  return 'sent';
}

/**
 * One dispatcher pass: claims due outbox rows and sends them. Safe to run in several processes
 * at once. Returns what happened, for logs and tests.
 */
export async function deliverQueuedEmail(client: Db, now = new Date(), limit = 20) {
  const claimed = await claimDueMessages(client, now, limit);
  const outcomes: Record<Outcome, number> = { sent: 0, retry: 0, failed: 0, cancelled: 0 };
  const queue = [...claimed];
  // A few sends at once over pooled SMTP connections: each waits mostly on network round trips.
  const workers = Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      if (message.kind !== 'invitation') {
        await markMessageFailed(client, message.id, `Unknown message kind "${message.kind}".`);
        outcomes.failed++;
        continue;
      }
      outcomes[await deliverInvitation(client, message, now)]++;
    }
  });
  await Promise.all(workers);
  return { claimed: claimed.length, ...outcomes };
}
