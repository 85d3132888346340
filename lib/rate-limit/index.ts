import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RateLimitRule } from './rules';

export { RATE_LIMITS, type RateLimitRule } from './rules';

export interface RateLimitOutcome {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window, atomically in the database, so the limit holds
 * across every app instance.
 */
export async function hitRateLimit(client: DbOrTx, key: string, rule: RateLimitRule, now: Date, weight = 1): Promise<RateLimitOutcome> {
  const [row] = await client.$queryRaw<{ count: number; reset_at: Date }[]>(rateLimitHitSql(key, rule, now, weight));
  return rateLimitOutcome(rule, row!, now);
}

/**
 * The statement that counts a hit and returns the window's count and reset time, for callers that
 * run it inside a larger statement (a CTE beside a token lookup, say). `only` limits the hit to
 * when a condition holds (an SQL boolean over the caller's CTEs).
 */
export function rateLimitHitSql(key: string, rule: RateLimitRule, now: Date, weight = 1, only: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  const resetAt = new Date(now.getTime() + rule.windowMs);
  return Prisma.sql`
    INSERT INTO rate_limits (key, count, reset_at) SELECT ${key}, ${weight}, ${resetAt} WHERE ${only}
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.reset_at <= ${now} THEN ${weight} ELSE rate_limits.count + ${weight} END,
      reset_at = CASE WHEN rate_limits.reset_at <= ${now} THEN ${resetAt} ELSE rate_limits.reset_at END
    RETURNING count, reset_at`;
}

export function rateLimitOutcome(rule: RateLimitRule, row: { count: number | bigint; reset_at: Date }, now: Date): RateLimitOutcome {
  const count = Number(row.count);
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.reset_at.getTime() - now.getTime()) / 1000)),
  };
}

export function describeRetry(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Drops spent rate-limit windows, sign-in tokens past their 15 minutes (never used, or unusable),
 * and API answers kept for an Idempotency-Key past their 24 hours.
 */
export async function pruneRateLimits(client: DbOrTx, now: Date) {
  const [limits, tokens, idempotency] = await Promise.all([
    client.rateLimit.deleteMany({ where: { resetAt: { lt: now } } }),
    client.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    client.apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
  ]);
  return { rateLimits: limits.count, signInTokens: tokens.count, idempotencyKeys: idempotency.count };
}
