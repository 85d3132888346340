import crypto from 'node:crypto';
import type { DbOrTx } from '@/lib/db/client';

/** How long a POST's answer is kept for its Idempotency-Key. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export function requestFingerprint(method: string, path: string, body: string): string {
  return crypto.createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * Claims an Idempotency-Key for one key's request, in one statement: a new key (or one older than
 * 24 hours) is claimed; a key whose request finished replays its answer; one still running, or
 * sent with a different request, is refused.
 */
export async function claimIdempotencyKey(
  client: DbOrTx,
  apiKeyId: string,
  idempotencyKey: string,
  fingerprint: string,
  now: Date,
): Promise<IdempotencyClaim> {
  const rows = await client.$queryRaw<{ claimed: boolean; request_hash: string; status: number | null; body: unknown }[]>`
    WITH claim AS (
      INSERT INTO api_idempotency_keys (api_key_id, idempotency_key, request_hash, created_at)
      VALUES (${apiKeyId}::uuid, ${idempotencyKey}, ${fingerprint}, ${now})
      ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = EXCLUDED.created_at
        WHERE api_idempotency_keys.created_at < ${now}::timestamptz - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      RETURNING true AS claimed, request_hash, status, body
    )
    SELECT claimed, request_hash, status, body FROM claim
    UNION ALL
    SELECT false, request_hash, status, body FROM api_idempotency_keys
    WHERE api_key_id = ${apiKeyId}::uuid AND idempotency_key = ${idempotencyKey} AND NOT EXISTS (SELECT 1 FROM claim)`;
  const row = rows[0];
  if (!row || row.claimed) return { kind: 'claimed' };
  if (row.request_hash !== fingerprint) return { kind: 'mismatch' };
  if (row.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: row.status, body: row.body };
}

/** Keeps a claimed request's answer for its replays; an answer that wasn't kept (a 5xx) frees the key. */
export async function settleIdempotencyKey(client: DbOrTx, apiKeyId: string, idempotencyKey: string, status: number, body: unknown) {
  if (status >= 500) {
    await client.$executeRaw`
      DELETE FROM api_idempotency_keys WHERE api_key_id = ${apiKeyId}::uuid AND idempotency_key = ${idempotencyKey} AND status IS NULL`;
    return;
  }
  await client.$executeRaw`
    UPDATE api_idempotency_keys SET status = ${status}, body = ${JSON.stringify(body)}::jsonb
    WHERE api_key_id = ${apiKeyId}::uuid AND idempotency_key = ${idempotencyKey}`;
}
