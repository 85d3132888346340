import { AuditLog } from '@/components/audit/audit-log';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import { db } from '@/lib/db/client';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Activity');

/** One organization's audit events, newest first. */
export default async function OrganizationActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const { organization } = await loadWorkspace(slug, 'activity');
  const query = auditQuerySchema.parse(await searchParams);
  const { rows, nextCursor } = await listAuditEvents(await db(), { organizationId: organization.id }, query);
  return (
    <section aria-labelledby="activity-heading" className="space-y-4">
      <div>
        <h2 id="activity-heading" className="text-lg font-semibold">
          Activity
        </h2>
        <p className="mt-1 text-sm text-slate-700">Every change to {organization.name}, by whom and from where, newest first.</p>
      </div>
      <AuditLog basePath={`/organizations/${organization.slug}/activity`} query={query} rows={rows} nextCursor={nextCursor} />
    </section>
  );
}
