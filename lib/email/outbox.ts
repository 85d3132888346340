import type { DbOrTx } from '@/lib/db/client';

/** Outbox rows: queued with the change that needs them, claimed by any number of dispatchers. */
export interface ClaimedMessage {
  id: string;
  kind: string;
  invitationId: string | null;
  tokenNonce: string | null;
  toAddress: string;
  attempts: number;
}

export const OUTBOX_LEASE_MS = 5 * 60_000;

export async function enqueueEmail(
  tx: DbOrTx,
  message: { kind: 'invitation'; invitationId: string; tokenNonce: string; toAddress: string },
  now: Date,
) {
  return tx.outboxMessage.create({ data: { ...message, nextAttemptAt: now, createdAt: now } });
}

/**
 * Claims due messages for this dispatcher. FOR UPDATE SKIP LOCKED keeps two dispatchers off the
 * same rows; the lease keeps them off rows whose sender is still working.
 */
export async function claimDueMessages(client: DbOrTx, now: Date, limit = 20): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(now.getTime() + OUTBOX_LEASE_MS);
  const rows = await client.$queryRaw<
    { id: string; kind: string; invitation_id: string | null; token_nonce: string | null; to_address: string; attempts: number }[]
  >`
    UPDATE outbox_messages SET locked_until = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_messages
      WHERE status = 'queued' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, invitation_id, token_nonce, to_address, attempts`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    invitationId: row.invitation_id,
    tokenNonce: row.token_nonce,
    toAddress: row.to_address,
    attempts: Number(row.attempts),
  }));
}

export function markMessageSent(tx: DbOrTx, id: string, now: Date) {
  return tx.outboxMessage.updateMany({ where: { id, status: 'queued' }, data: { status: 'sent', sentAt: now, lockedUntil: null, lastError: null } });
}

export function markMessageForRetry(tx: DbOrTx, id: string, error: string, nextAttemptAt: Date) {
  return tx.outboxMessage.updateMany({ where: { id, status: 'queued' }, data: { lastError: error, nextAttemptAt, lockedUntil: null } });
}

export function markMessageFailed(tx: DbOrTx, id: string, error: string) {
  return tx.outboxMessage.updateMany({ where: { id, status: 'queued' }, data: { status: 'failed', lastError: error, lockedUntil: null } });
}

/** Drops queued mail for an invitation that was revoked, accepted or re-sent, saying why. */
export function cancelQueuedForInvitation(tx: DbOrTx, invitationId: string, why: string) {
  return tx.outboxMessage.updateMany({ where: { invitationId, status: 'queued' }, data: { status: 'cancelled', lockedUntil: null, lastError: why } });
}

/** Drops one message that is no longer wanted; its record says why. */
export function cancelMessage(tx: DbOrTx, id: string, why: string) {
  return tx.outboxMessage.updateMany({ where: { id, status: 'queued' }, data: { status: 'cancelled', lockedUntil: null, lastError: why } });
}
