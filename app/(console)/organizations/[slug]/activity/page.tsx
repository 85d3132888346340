import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { AuditLog } from '@/components/audit/audit-log';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { findOrganizationBySlug, organizationNameBySlug } from '@/lib/organizations/queries';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  if (!(await currentBuilder())) return { title: 'Activity' };
  const name = await organizationNameBySlug(await db(), slug);
  return { title: name ? `Activity · ${name}` : 'Activity' };
}

/** One organization's audit events, newest first. */
export default async function OrganizationActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  await requireBuilderPage(`/organizations/${slug}/activity`);
  const lookup = await findOrganizationBySlug(await db(), slug, new Date());
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}/activity`);
  if (lookup.kind === 'missing') notFound();
  const organization = lookup.organization;
  const query = auditQuerySchema.parse(await searchParams);
  const { rows, nextCursor } = await listAuditEvents(await db(), { organizationId: organization.id }, query);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/organizations">Organizations</Link> <span aria-hidden="true">/</span>{' '}
        <Link href={`/organizations/${organization.slug}`}>{organization.name}</Link> <span aria-hidden="true">/</span> Activity
      </nav>
      <header>
        <h1 className="text-2xl font-semibold">Activity</h1>
        <p className="mt-1 text-sm text-slate-700">Every change to {organization.name}, by whom and from where, newest first.</p>
      </header>
      <AuditLog basePath={`/organizations/${organization.slug}/activity`} query={query} rows={rows} nextCursor={nextCursor} />
    </div>
  );
}
