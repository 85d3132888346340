import { renderConsoleInvitation } from '@/emails/console-invitation';
import { inviterDisplayName } from '@/emails/invitation';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { sendEmail } from '@/lib/email/mailer';
import { deliverInvitationEmail, INVITATION_EMAIL_JOB, tokenToSend, whyNotSend } from '@/lib/invitations/email-job';
import { MAX_DELIVERY_ATTEMPTS } from '@/lib/invitations/policy';
import { defineJobKind } from '@/lib/jobs/kind';
import { cancelJobsFor, enqueueJob } from '@/lib/jobs/queue';
import { CONSOLE_ROLE_DESCRIPTIONS, CONSOLE_ROLE_LABELS } from './roles';

export const CONSOLE_INVITATION_EMAIL = 'email.console_invitation';

const DELIVERY = { principal: systemPrincipal('email delivery'), request: { ip: null, requestId: null } };

/** The accept page of a console invitation: its own path, so it never meets an organization's. */
export function consoleAcceptUrl(token: string): string {
  return `${getConfig().appUrl}/console-invite/${token}`;
}

/** Queues a console invitation's email, in the transaction that creates or re-sends it. */
export function enqueueConsoleInvitationEmail(tx: DbOrTx, invitation: { id: string; tokenNonce: string; email: string }, now: Date) {
  return enqueueJob(
    tx,
    {
      kind: CONSOLE_INVITATION_EMAIL,
      payload: { invitationId: invitation.id, tokenNonce: invitation.tokenNonce, to: invitation.email },
      subjectId: invitation.id,
      maxAttempts: MAX_DELIVERY_ATTEMPTS,
    },
    now,
  );
}

export function cancelConsoleInvitationEmails(tx: DbOrTx, invitationId: string, why: string, now: Date) {
  return cancelJobsFor(tx, invitationId, CONSOLE_INVITATION_EMAIL, why, now);
}

/** The console invitation email job: the organization invitation's delivery rules, console words. */
export const consoleInvitationEmailJob = defineJobKind({
  kind: CONSOLE_INVITATION_EMAIL,
  ...INVITATION_EMAIL_JOB,
  async handle(client, job, now) {
    const invitation = await client.consoleInvitation.findUnique({
      where: { id: job.payload.invitationId },
      include: { invitedBy: { select: { name: true } } },
    });
    const unwanted = whyNotSend(invitation, job.payload, now);
    if (unwanted || !invitation) return { status: 'cancelled', reason: unwanted ?? 'The invitation is gone.' };
    const config = getConfig();
    const token = await tokenToSend(invitation, (tokenHash) =>
      client.consoleInvitation.update({ where: { id: invitation.id }, data: { tokenHash } }),
    );
    const email = await renderConsoleInvitation(
      {
        inviterName: inviterDisplayName(invitation.invitedBy?.name, invitation.invitedByEmail),
        inviterEmail: invitation.invitedByEmail,
        roleName: CONSOLE_ROLE_LABELS[invitation.role],
        roleDescription: CONSOLE_ROLE_DESCRIPTIONS[invitation.role],
        host: new URL(config.appUrl).host,
        expiresAt: invitation.expiresAt,
        acceptUrl: consoleAcceptUrl(token),
      },
      config.emailFromName,
    );
    const current = { id: invitation.id, tokenNonce: invitation.tokenNonce };
    return deliverInvitationEmail(() => sendEmail({ to: invitation.email, ...email }), job, {
      undeliverable: async (tx, bounced, words) => {
        await tx.consoleInvitation.updateMany({
          where: current,
          data: { deliveryStatus: bounced ? 'bounced' : 'failed', deliveryError: words },
        });
        await recordAudit(
          tx,
          { ...DELIVERY, now },
          {
            organizationId: null,
            action: 'console_invitation.delivery_failed',
            target: { type: 'console_invitation', id: invitation.id, label: invitation.email },
            summary: { delivery: bounced ? 'bounced' : 'failed', reason: words, attempts: job.attempts },
          },
        );
      },
      retrying: async (tx, words) => {
        await tx.consoleInvitation.updateMany({
          where: current,
          data: { deliveryStatus: 'queued', deliveryError: `${words} Retrying automatically.` },
        });
      },
      sent: async (tx) => {
        await tx.consoleInvitation.updateMany({
          where: current,
          data: { deliveryStatus: 'sent', deliveryError: null, lastSentAt: now, sendCount: { increment: 1 } },
        });
      },
    });
  },
});
