import { AuditLog } from '@/components/audit/audit-log';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import { requireBuilderPage } from '@/lib/auth/require';
import { db } from '@/lib/db/client';

export const metadata = { title: 'Audit log' };

/** Every change in the console, across all organizations, newest first. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireBuilderPage('/audit');
  const query = auditQuerySchema.parse(await searchParams);
  const client = await db();
  const { rows, nextCursor } = await listAuditEvents(client, {}, query);
  const ids = [...new Set(rows.flatMap((row) => (row.organizationId ? [row.organizationId] : [])))];
  const organizations = new Map(
    (await client.organization.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } })).map((o) => [o.id, o.slug]),
  );
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-700">
          Every change, by whom, from where, across all organizations. Events stay after what they describe is deleted.
        </p>
      </header>
      <AuditLog basePath="/audit" query={query} rows={rows} nextCursor={nextCursor} organizations={organizations} />
    </div>
  );
}
