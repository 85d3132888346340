import { z } from 'zod';
import { renderSetupLink } from '@/emails/setup-link';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { unseal } from '@/lib/crypto/sealed';
import type { DbOrTx } from '@/lib/db/client';
import { sendEmail } from '@/lib/email/mailer';
import { deliverInvitationEmail, INVITATION_EMAIL_JOB } from '@/lib/invitations/email-job';
import { MAX_DELIVERY_ATTEMPTS } from '@/lib/invitations/policy';
import { defineJobKind } from '@/lib/jobs/kind';
import { cancelJobsFor, enqueueJob } from '@/lib/jobs/queue';
import { isSetupIntent, SETUP_INTENTS, setupLinkStatus } from './intents';

export const SETUP_LINK_EMAIL = 'email.setup_link';

const DELIVERY = { principal: systemPrincipal('email delivery'), request: { ip: null, requestId: null } };

/** Queues a setup link's email, in the transaction that creates the link. */
export function enqueueSetupLinkEmail(tx: DbOrTx, link: { id: string; organizationId: string }, now: Date) {
  return enqueueJob(
    tx,
    {
      kind: SETUP_LINK_EMAIL,
      payload: { linkId: link.id },
      organizationId: link.organizationId,
      subjectId: link.id,
      maxAttempts: MAX_DELIVERY_ATTEMPTS,
    },
    now,
  );
}

export function cancelSetupLinkEmails(tx: DbOrTx, linkId: string, why: string, now: Date) {
  return cancelJobsFor(tx, linkId, SETUP_LINK_EMAIL, why, now);
}

/**
 * The setup link email job: the invitation emails' delivery rules (a bounce at once, retries with
 * backoff). The link's token waits sealed on its row and is cleared once sent or given up on.
 */
export const setupLinkEmailJob = defineJobKind({
  kind: SETUP_LINK_EMAIL,
  ...INVITATION_EMAIL_JOB,
  payload: z.object({ linkId: z.string().uuid() }),
  async handle(client, job, now) {
    const link = await client.setupLink.findUnique({
      where: { id: job.payload.linkId },
      include: { organization: { select: { name: true } } },
    });
    if (!link?.sentTo || !link.tokenSealed) return { status: 'cancelled', reason: 'The setup link is gone or was already sent.' };
    if (setupLinkStatus(link, now) !== 'active')
      return { status: 'cancelled', reason: 'The setup link was revoked or expired before it was sent.' };
    const config = getConfig();
    const token = unseal(link.tokenSealed, config.authSecret, 'setupLink');
    if (!token) return { status: 'dead', error: 'AUTH_SECRET changed since the link was made: create a new link.' };
    const email = await renderSetupLink(
      {
        organizationName: link.organization.name,
        senderEmail: link.createdByEmail,
        intents: link.intents.filter(isSetupIntent).map((intent) => SETUP_INTENTS[intent].label),
        expiresAt: link.expiresAt,
        setupUrl: `${config.appUrl.replace(/\/$/, '')}/setup/${token}`,
      },
      config.emailFromName,
    );
    const sentTo = link.sentTo;
    return deliverInvitationEmail(() => sendEmail({ to: sentTo, ...email }), job, {
      undeliverable: async (tx, bounced, words) => {
        await tx.setupLink.update({
          where: { id: link.id },
          data: { deliveryStatus: bounced ? 'bounced' : 'failed', deliveryError: words, tokenSealed: null },
        });
        await recordAudit(
          tx,
          { ...DELIVERY, now },
          {
            organizationId: link.organizationId,
            action: 'setup_link.delivery_failed',
            target: { type: 'setup_link', id: link.id, label: sentTo },
            summary: { delivery: bounced ? 'bounced' : 'failed', reason: words, attempts: job.attempts },
          },
        );
      },
      retrying: async (tx, words) => {
        await tx.setupLink.update({
          where: { id: link.id },
          data: { deliveryStatus: 'queued', deliveryError: `${words} Retrying automatically.` },
        });
      },
      sent: async (tx) => {
        await tx.setupLink.update({ where: { id: link.id }, data: { deliveryStatus: 'sent', deliveryError: null, tokenSealed: null } });
      },
    });
  },
});
