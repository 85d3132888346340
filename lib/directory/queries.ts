import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { isTokenUsable } from './tokens';

/**
 * What the Directory section shows: the directory, its tokens, and its health (the last request,
 * counts, people outside the verified domains, people it could not link, people waiting for a
 * review, and recent refused requests). Scoped to the organization.
 */
export const HEALTH_SAMPLE = 10;
export const RECENT_ERRORS_DAYS = 7;

export async function directoryOverview(client: DbOrTx, organizationId: string, now: Date) {
  const directory = await client.directory.findUnique({
    where: { organizationId },
    include: {
      tokens: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
      ssoConnection: { select: { id: true, name: true, enabled: true } },
    },
  });
  if (!directory) return null;
  const since = new Date(now.getTime() - RECENT_ERRORS_DAYS * 24 * 3_600_000);
  const [counts, outside, unlinked, review, errors, lastEvent] = await Promise.all([
    client.$queryRaw<{ active: bigint; inactive: bigint; groups: bigint }[]>`
      SELECT
        (SELECT count(*) FROM directory_users WHERE directory_id = ${directory.id}::uuid AND deleted_at IS NULL AND active) AS active,
        (SELECT count(*) FROM directory_users WHERE directory_id = ${directory.id}::uuid AND deleted_at IS NULL AND NOT active) AS inactive,
        (SELECT count(*) FROM directory_groups WHERE directory_id = ${directory.id}::uuid) AS groups`,
    outsideVerifiedDomains(client, directory.id),
    client.directoryUser.findMany({
      where: { directoryId: directory.id, deletedAt: null, active: true, linkIssue: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: HEALTH_SAMPLE + 1,
      select: { id: true, userName: true, email: true, linkIssue: true },
    }),
    client.directoryUser.findMany({
      where: { directoryId: directory.id, reviewRequired: true },
      orderBy: [{ deprovisionedAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        userName: true,
        email: true,
        deprovisionedAt: true,
        deletedAt: true,
        membership: { select: { role: true, status: true } },
      },
    }),
    client.directoryEvent.findMany({
      where: { directoryId: directory.id, status: { gte: 400 }, occurredAt: { gte: since } },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: 5,
      select: { id: true, occurredAt: true, method: true, path: true, operation: true, status: true, error: true },
    }),
    client.directoryEvent.findFirst({
      where: { directoryId: directory.id },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      select: { occurredAt: true, operation: true, status: true },
    }),
  ]);
  const count = counts[0]!;
  return {
    directory,
    tokens: directory.tokens.map((token) => ({
      id: token.id,
      prefix: token.prefix,
      createdAt: token.createdAt,
      createdBy: token.createdBy,
      lastUsedAt: token.lastUsedAt,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
      usable: isTokenUsable(token, now),
    })),
    health: {
      lastRequest: lastEvent,
      activeUsers: Number(count.active),
      inactiveUsers: Number(count.inactive),
      groups: Number(count.groups),
      outsideVerifiedDomains: outside,
      unlinked: { rows: unlinked.slice(0, HEALTH_SAMPLE), more: unlinked.length > HEALTH_SAMPLE },
      review,
      recentErrors: errors,
    },
  };
}

export type DirectoryOverview = NonNullable<Awaited<ReturnType<typeof directoryOverview>>>;

/** Active users whose email is at none of the organization's verified domains (a sample and the count). */
async function outsideVerifiedDomains(client: DbOrTx, directoryId: string) {
  const rows = await client.$queryRaw<{ id: string; user_name: string; email: string | null; total: bigint }[]>(Prisma.sql`
    SELECT u.id, u.user_name, u.email, count(*) OVER () AS total
    FROM directory_users u
    WHERE u.directory_id = ${directoryId}::uuid AND u.deleted_at IS NULL AND u.active
      AND NOT EXISTS (
        SELECT 1 FROM domains d
        WHERE d.organization_id = u.organization_id AND d.status = 'verified' AND u.email IS NOT NULL
          AND (split_part(u.email, '@', 2) = d.name OR (d.include_subdomains AND split_part(u.email, '@', 2) LIKE '%.' || d.name)))
    ORDER BY u.created_at, u.id
    LIMIT ${HEALTH_SAMPLE}`);
  return { total: rows[0] ? Number(rows[0].total) : 0, rows: rows.map((r) => ({ id: r.id, userName: r.user_name, email: r.email })) };
}
