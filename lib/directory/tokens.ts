import crypto from 'node:crypto';
import type { Principal } from '@/lib/commands/principal';
import { groupCommit } from '@/lib/db/batch';
import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { hashesEqual, hashToken } from '@/lib/invitations/tokens';
import { RATE_LIMITS, rateLimitHitSql, rateLimitOutcome } from '@/lib/rate-limit';

/**
 * Directory bearer tokens: `scim_` and 256 bits from the CSPRNG, shown once, stored as SHA-256.
 * A token reaches exactly one directory of one organization. A rotated-out token works until its
 * overlap ends; a revoked one stops at once.
 */
export const TOKEN_PREFIX = 'scim_';
const LAST_USED_PRECISION_MS = 60_000;

export function newDirectoryToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Whether a token may be used at `now`: not revoked, and not past a rotation's overlap. */
export function isTokenUsable(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);
}

export type DirectoryAuthentication =
  | { kind: 'unauthorized' }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'ok'; principal: Principal & { kind: 'directory' }; provider: string };

interface AuthRequest {
  client: DbOrTx;
  directoryId: string;
  hash: string;
  now: Date;
}

/**
 * Authenticates a bearer token sent to `directoryId`'s endpoint and, for a valid one, counts the
 * request against the directory's rate limit: one statement. Unauthorized: unknown, revoked,
 * expired, or another directory's token (those never spend the directory's allowance). Records
 * the token's last use, to the minute. Requests with the same token that arrive together are
 * checked together (lib/db/batch.ts): one statement counts them all, each in arrival order.
 */
export async function authenticateDirectory(
  client: DbOrTx,
  directoryId: string,
  token: string | null,
  now: Date,
): Promise<DirectoryAuthentication> {
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 100) return { kind: 'unauthorized' };
  const hash = hashToken(token);
  return authInBatches(`${directoryId}:${hash}`, { client, directoryId, hash, now });
}

const authInBatches = groupCommit<AuthRequest, DirectoryAuthentication>(async (items) => {
  const outcomes = await authenticateTogether(items);
  return outcomes.map((value) => ({ status: 'fulfilled', value }));
});

async function authenticateTogether(items: AuthRequest[]): Promise<DirectoryAuthentication[]> {
  const [{ client, directoryId, hash }] = items as [AuthRequest];
  const now = items[items.length - 1]!.now;
  const rule = RATE_LIMITS.scimPerDirectory;
  const rows = await client.$queryRaw<
    {
      id: string;
      token_hash: string;
      organization_id: string;
      provider: string;
      last_used_at: Date | null;
      count: number | null;
      reset_at: Date | null;
    }[]
  >(Prisma.sql`
    WITH t AS (
      SELECT t.id, t.token_hash, t.organization_id, d.provider::text AS provider, t.last_used_at
      FROM directory_tokens t JOIN directories d ON d.id = t.directory_id
      WHERE t.token_hash = ${hash} AND t.directory_id = ${directoryId}::uuid AND t.revoked_at IS NULL
        AND (t.expires_at IS NULL OR t.expires_at > ${now})
    ), hit AS (${rateLimitHitSql(`scim:${directoryId}`, rule, now, items.length, Prisma.sql`EXISTS (SELECT 1 FROM t)`)})
    SELECT t.*, hit.count, hit.reset_at FROM t LEFT JOIN hit ON true`);
  const row = rows[0];
  if (!row || !hashesEqual(row.token_hash, hash) || row.count === null || !row.reset_at) return items.map(() => ({ kind: 'unauthorized' }));
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_PRECISION_MS) {
    await client.directoryToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { count, reset_at } = row;
  return items.map((_, index) => {
    // The requests before this one in the batch were counted first.
    const limit = rateLimitOutcome(rule, { count: Number(count) - items.length + index + 1, reset_at }, now);
    if (!limit.allowed) return { kind: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
    return {
      kind: 'ok',
      principal: { kind: 'directory', directoryId, organizationId: row.organization_id },
      provider: row.provider,
    };
  });
}
