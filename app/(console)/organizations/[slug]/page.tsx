import Link from 'next/link';
import { StatePanel } from '@/components/organizations/state-panel';
import { describeAction, describeActor } from '@/lib/audit/describe';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import { db } from '@/lib/db/client';
import { formatDate, formatDateTime } from '@/lib/format';
import { loadWorkspace, sectionMetadata } from './load';

export const generateMetadata = sectionMetadata(null);

/** The workspace's Overview: the state with its reasons, key figures, and the latest changes. */
export default async function OrganizationOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const flags = await searchParams;
  const { organization } = await loadWorkspace(slug);
  const base = `/organizations/${organization.slug}`;
  const recent = await listAuditEvents(await db(), { organizationId: organization.id }, auditQuerySchema.parse({}), 5);
  const verifiedDomains = organization.domains.filter((d) => d.status === 'verified').length;
  const figures = [
    { label: 'Members', value: String(organization._count.memberships), href: `${base}/members` },
    { label: 'Pending invitations', value: String(organization.pendingInvitationCount), href: `${base}/invitations` },
    { label: 'Verified domains', value: `${verifiedDomains} of ${organization.domains.length}`, href: `${base}/domains` },
    {
      label: 'Last end-user activity',
      value: organization.lastEndUserActivityAt ? formatDate(organization.lastEndUserActivityAt) : 'None yet',
      href: `${base}/activity`,
    },
  ];
  return (
    <div className="space-y-8">
      {flags.created ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Organization created. Next: <Link href={`${base}/invitations`}>invite its first member</Link>.
        </p>
      ) : null}
      {flags.slugChanged ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Slug changed. Links with the old slug redirect here.
        </p>
      ) : null}

      <StatePanel state={organization.state} reasons={organization.stateReasons} />

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          Key figures
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {figures.map((figure) => (
            <div key={figure.label} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-600">{figure.label}</dt>
              <dd className="mt-1 text-xl font-semibold">
                <Link href={figure.href} className="text-slate-900 no-underline hover:underline">
                  {figure.value}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-700">
          Created <time dateTime={organization.createdAt.toISOString()}>{formatDate(organization.createdAt)}</time>.
        </p>
      </section>

      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Latest changes
        </h2>
        {recent.rows.length ? (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {recent.rows.map((event) => (
              <li key={event.id} className="flex flex-wrap gap-x-3 px-4 py-2">
                <time dateTime={event.occurredAt.toISOString()} className="text-slate-600">
                  {formatDateTime(event.occurredAt)}
                </time>
                <span className="font-medium">{describeAction(event.action)}</span>
                <span>{event.targetLabel ?? event.targetType}</span>
                <span className="text-slate-600">by {describeActor(event)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No changes recorded yet.</p>
        )}
        <p className="text-sm">
          <Link href={`${base}/activity`}>Activity: every change to this organization</Link>
        </p>
      </section>
    </div>
  );
}
