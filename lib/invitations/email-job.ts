import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { Tx } from '@/lib/db/client';
import { SEND_CONCURRENCY } from '@/lib/email/mailer';
import type { JobOutcome } from '@/lib/jobs/kind';
import { classifyDeliveryError, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './policy';
import { deriveInvitationToken, hashToken } from './tokens';

/*
 * What every invitation email job shares, an organization's (lib/invitations/delivery.ts) or the
 * console's (lib/console/delivery.ts). Apart from the job runner, so that both can import it while
 * the job registry imports them.
 */

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

/** The payload and timing of every invitation email job, an organization's or the console's. */
export const INVITATION_EMAIL_JOB = {
  payload: z.object({ invitationId: z.string().uuid(), tokenNonce: z.string().nullable(), to: z.string() }),
  // Longer than the send's own timeouts (connect 10 s, greeting 10 s, socket 20 s, 45 s overall).
  leaseMs: 2 * 60_000,
  timeoutMs: 60_000,
  maxAttempts: MAX_DELIVERY_ATTEMPTS,
  concurrency: SEND_CONCURRENCY,
  retryDelayMs,
};

/**
 * The link's token, derived from the invitation's current nonce. When AUTH_SECRET changed since the
 * invitation was made, the stored hash is brought in step with the link first.
 */
export async function tokenToSend(
  invitation: { id: string; tokenNonce: string; tokenHash: string },
  storeHash: (tokenHash: string) => Promise<unknown>,
): Promise<string> {
  const token = deriveInvitationToken(getConfig().authSecret, invitation.id, invitation.tokenNonce);
  const tokenHash = hashToken(token);
  if (tokenHash !== invitation.tokenHash) await storeHash(tokenHash);
  return token;
}

/** What a delivery's outcome writes, each in the transaction that settles the job. */
export interface DeliveryRecorder {
  /** Refused for good (bounced: the recipient's server said no), or out of attempts. */
  undeliverable(tx: Tx, bounced: boolean, words: string): Promise<void>;
  retrying(tx: Tx, words: string): Promise<void>;
  sent(tx: Tx): Promise<void>;
}

/**
 * Sends one invitation email (an organization's or the console's) and decides the job's outcome:
 * a 5xx refusal is a bounce at once; other errors retry with backoff until the last attempt.
 */
export async function deliverInvitationEmail(
  send: () => Promise<unknown>,
  job: { attempts: number; maxAttempts: number },
  record: DeliveryRecorder,
): Promise<JobOutcome> {
  try {
    await send();
  } catch (error) {
    const { kind, words } = classifyDeliveryError(error as { responseCode?: number; code?: string; message?: string });
    if (kind === 'permanent') return { status: 'dead', error: words, commit: (tx) => record.undeliverable(tx, true, words) };
    if (job.attempts >= job.maxAttempts) return { status: 'dead', error: words, commit: (tx) => record.undeliverable(tx, false, words) };
    return { status: 'retry', error: words, commit: (tx) => record.retrying(tx, words) };
  }
  return { status: 'done', commit: (tx) => record.sent(tx) };
}
