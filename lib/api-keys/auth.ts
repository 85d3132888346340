import crypto from 'node:crypto';
import type { Principal } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { hashToken } from '@/lib/invitations/tokens';
import { RATE_LIMITS, rateLimitHitSql, rateLimitOutcome } from '@/lib/rate-limit';
import { API_KEY_PREFIX, API_KEY_VISIBLE, looksLikeApiKey } from './scopes';

export type ApiKeyPrincipal = Principal & { kind: 'api_key' };

export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return { key, hash: hashToken(key), prefix: key.slice(0, API_KEY_VISIBLE) };
}

export type ApiAuthentication =
  | { kind: 'unauthorized' }
  | { kind: 'rate_limited'; limit: number; retryAfterSeconds: number }
  | { kind: 'ok'; principal: ApiKeyPrincipal; limit: number; remaining: number; resetSeconds: number };

/**
 * An API key from a bearer token, and its request counted against the key's rate limit, in one
 * statement: unknown, revoked and expired keys are unauthorized (and spend nothing). The key's
 * last use is recorded to the minute, with the caller's address.
 */
export async function authenticateApiKey(client: DbOrTx, token: string | null, now: Date, ip: string | null): Promise<ApiAuthentication> {
  if (!token || !looksLikeApiKey(token)) return { kind: 'unauthorized' };
  const hash = hashToken(token);
  const rule = RATE_LIMITS.apiPerKey;
  const rows = await client.$queryRaw<
    { id: string; organization_id: string | null; scopes: string[]; count: number | null; reset_at: Date | null }[]
  >(Prisma.sql`
    WITH k AS (
      SELECT id, organization_id, scopes FROM api_keys
      WHERE key_hash = ${hash} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${now})
    ), used AS (
      UPDATE api_keys SET last_used_at = ${now}, last_used_ip = ${ip}
      WHERE id = (SELECT id FROM k) AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - interval '1 minute')
      RETURNING id
    ), hit AS (${rateLimitHitSql(`api:${hash}`, rule, now, 1, Prisma.sql`EXISTS (SELECT 1 FROM k)`)})
    SELECT k.id, k.organization_id, k.scopes, hit.count, hit.reset_at FROM k LEFT JOIN hit ON true`);
  const row = rows[0];
  if (!row || row.count === null || !row.reset_at) return { kind: 'unauthorized' };
  const outcome = rateLimitOutcome(rule, { count: row.count, reset_at: row.reset_at }, now);
  if (!outcome.allowed) return { kind: 'rate_limited', limit: rule.limit, retryAfterSeconds: outcome.retryAfterSeconds };
  return {
    kind: 'ok',
    principal: { kind: 'api_key', keyId: row.id, organizationId: row.organization_id, permissions: row.scopes },
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - outcome.count),
    resetSeconds: outcome.retryAfterSeconds,
  };
}
