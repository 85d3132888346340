import { inviterDisplayName, renderInvitation } from '@/emails/invitation';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import type { Db, DbOrTx, Tx } from '@/lib/db/client';
import { sendEmail } from '@/lib/email/mailer';
import { defineJobKind } from '@/lib/jobs/kind';
import { cancelJobsFor, cancelJobsStatement, enqueueJob } from '@/lib/jobs/queue';
import { runDueJobs } from '@/lib/jobs/runner';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { deliverInvitationEmail, INVITATION_EMAIL_JOB, tokenToSend, whyNotSend } from './email-job';
import { MAX_DELIVERY_ATTEMPTS } from './policy';

export function acceptUrl(token: string): string {
  return `${getConfig().appUrl}/invite/${token}`;
}

const DELIVERY = { principal: systemPrincipal('email delivery'), request: { ip: null, requestId: null } };

const INVITATION_EMAIL = 'email.invitation';

/** Queues an invitation's email, in the transaction that creates or re-sends the invitation. */
export function enqueueInvitationEmail(
  tx: DbOrTx,
  invitation: { id: string; organizationId: string; tokenNonce: string; email: string },
  now: Date,
) {
  return enqueueJob(
    tx,
    {
      kind: INVITATION_EMAIL,
      payload: { invitationId: invitation.id, tokenNonce: invitation.tokenNonce, to: invitation.email },
      organizationId: invitation.organizationId,
      subjectId: invitation.id,
      maxAttempts: MAX_DELIVERY_ATTEMPTS,
    },
    now,
  );
}

/** Drops the queued email of an invitation that was revoked, accepted or re-sent, saying why. */
export function cancelInvitationEmails(tx: DbOrTx, invitationId: string, why: string, now: Date) {
  return cancelJobsFor(tx, invitationId, INVITATION_EMAIL, why, now);
}

/** cancelInvitationEmails as a statement, for a caller that runs it inside a larger one. */
export function cancelInvitationEmailsStatement(invitationId: string, why: string, now: Date) {
  return cancelJobsStatement(invitationId, INVITATION_EMAIL, why, now);
}

/** Records a final delivery failure on the invitation: the organization needs attention. */
async function recordUndeliverable(
  tx: Tx,
  invitation: { id: string; organizationId: string; email: string; tokenNonce: string },
  bounced: boolean,
  words: string,
  attempts: number,
  now: Date,
) {
  await tx.invitation.updateMany({
    where: { id: invitation.id, tokenNonce: invitation.tokenNonce },
    data: { deliveryStatus: bounced ? 'bounced' : 'failed', deliveryError: words },
  });
  await recordAudit(
    tx,
    { ...DELIVERY, now },
    {
      organizationId: invitation.organizationId,
      action: 'invitation.delivery_failed',
      target: { type: 'invitation', id: invitation.id, label: invitation.email },
      summary: { delivery: bounced ? 'bounced' : 'failed', reason: words, attempts },
    },
  );
  await recomputeOrganizationState(tx, invitation.organizationId, now, DELIVERY);
}

/**
 * The invitation email job: renders the email with a token derived from the invitation's current
 * nonce and sends it. A 5xx refusal is a bounce at once; other errors retry with backoff, and the
 * invitation shows "queued, retrying" until the last attempt fails.
 */
export const invitationEmailJob = defineJobKind({
  kind: INVITATION_EMAIL,
  ...INVITATION_EMAIL_JOB,
  async handle(client, job, now) {
    const invitation = await client.invitation.findUnique({
      where: { id: job.payload.invitationId },
      include: { organization: { select: { name: true } }, invitedBy: { select: { name: true } }, roleRef: { select: { name: true } } },
    });
    const unwanted = whyNotSend(invitation, job.payload, now);
    if (unwanted || !invitation) return { status: 'cancelled', reason: unwanted ?? 'The invitation is gone.' };
    const token = await tokenToSend(invitation, (tokenHash) =>
      client.invitation.update({ where: { id: invitation.id }, data: { tokenHash } }),
    );
    const email = await renderInvitation(
      {
        organizationName: invitation.organization.name,
        inviterName: inviterDisplayName(invitation.invitedBy?.name, invitation.invitedByEmail),
        inviterEmail: invitation.invitedByEmail,
        roleName: invitation.roleRef.name,
        expiresAt: invitation.expiresAt,
        acceptUrl: acceptUrl(token),
        isTest: invitation.isTest,
      },
      getConfig().emailFromName,
    );
    return deliverInvitationEmail(() => sendEmail({ to: invitation.email, ...email }), job, {
      undeliverable: (tx, bounced, words) => recordUndeliverable(tx, invitation, bounced, words, job.attempts, now),
      retrying: async (tx, words) => {
        await tx.invitation.updateMany({
          where: { id: invitation.id, tokenNonce: invitation.tokenNonce },
          data: { deliveryStatus: 'queued', deliveryError: `${words} Retrying automatically.` },
        });
      },
      sent: async (tx) => {
        await tx.invitation.updateMany({
          where: { id: invitation.id, tokenNonce: invitation.tokenNonce },
          data: { deliveryStatus: 'sent', deliveryError: null, lastSentAt: now, sendCount: { increment: 1 } },
        });
        // Queued -> sent changes no state rule; only a delivery that had failed needs the state
        // redone, and a test invitation's, which the launch check reads.
        if (invitation.isTest || invitation.deliveryStatus === 'failed' || invitation.deliveryStatus === 'bounced') {
          await recomputeOrganizationState(tx, invitation.organizationId, now, DELIVERY);
        }
      },
    });
  },
});

/**
 * Sends queued invitation emails: one claim of up to `limit`, for tests and the bench that step
 * through delivery by hand. The scheduler runs every kind with runDueJobs.
 */
export async function deliverQueuedEmail(client: Db, now = new Date(), limit = 20, scope: { organizationId?: string } = {}) {
  const summary = await runDueJobs(client, {
    now: () => now,
    kinds: [INVITATION_EMAIL],
    limit,
    once: true,
    organizationId: scope.organizationId,
  });
  return { claimed: summary.claimed, sent: summary.done, retry: summary.retried, failed: summary.dead, cancelled: summary.cancelled };
}
