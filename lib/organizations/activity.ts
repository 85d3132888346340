import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

/**
 * End-user activity, defined once: activity recorded for the organization by someone outside its
 * operating team (the roles whose `operating_team` is set). An activity row without an address (an
 * event the builder's app reported for an anonymous user) counts. The state rules and every page
 * read it from here: this query, or the same SQL inside a larger one (`lastEndUserActivitySql`).
 */
export function lastEndUserActivitySql(organizationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT a.occurred_at FROM end_user_activity a
    WHERE a.organization_id = ${organizationId}
      AND NOT EXISTS (
        SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id JOIN roles r ON r.key = m.role
        WHERE m.organization_id = a.organization_id
          AND r.operating_team
          AND a.actor_email IS NOT NULL AND u.email = a.actor_email)
    ORDER BY a.occurred_at DESC LIMIT 1)`;
}

export async function lastEndUserActivityAt(tx: DbOrTx, organizationId: string): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ occurred_at: Date | null }[]>`
    SELECT ${lastEndUserActivitySql(Prisma.sql`${organizationId}::uuid`)} AS occurred_at`;
  return rows[0]?.occurred_at ?? null;
}
