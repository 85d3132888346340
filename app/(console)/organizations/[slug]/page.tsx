import Link from 'next/link';
import { RecentEvents } from '@/components/audit/recent-events';
import { LaunchPanel } from '@/components/organizations/launch-panel';
import { ReasonFix } from '@/components/organizations/reason-fix';
import { StatePanel } from '@/components/organizations/state-panel';
import { BreakGlassUses } from '@/components/sso/break-glass-uses';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/format';
import { arrivals } from '@/lib/organizations/fixes';
import { fixTargetsFor } from '@/lib/organizations/queries';
import { recentBreakGlassUses } from '@/lib/sso/queries';
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
  const client = await db();
  const [recent, targets, breakGlassUses] = await Promise.all([
    listAuditEvents(client, { organizationId: organization.id }, auditQuerySchema.parse({}), 5),
    fixTargetsFor(client, organization, new Date()),
    recentBreakGlassUses(client, organization.id, new Date()),
  ]);
  const verifiedNames = organization.domains.filter((d) => d.status === 'verified').map((d) => d.name);
  const verifiedDomains = verifiedNames.length;
  const ways = arrivals({
    autoJoinEnabled: organization.autoJoinEnabled,
    autoJoinRoleName: organization.autoJoinRoleRef.name,
    verifiedDomains: verifiedNames,
    ssoConnections: organization.ssoConnections,
    directoryStatus: organization.directory?.status ?? null,
    lastEndUserActivityAt: organization.lastEndUserActivityAt,
  });
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

      <StatePanel state={organization.state} reasons={organization.stateReasons} targets={targets} />
      <LaunchPanel
        href={`${base}/launch`}
        launchedAt={organization.launchedAt}
        passed={organization.launchPassed}
        applicable={organization.launchApplicable}
        failing={organization.launchFailing}
      />
      <BreakGlassUses uses={breakGlassUses} />

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          Key figures
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
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

      <section aria-labelledby="arrivals" className="space-y-3">
        <h2 id="arrivals" className="scroll-mt-4 text-lg font-semibold">
          How first end users arrive
        </h2>
        <p className="text-sm text-slate-700">
          The organization becomes Active when its end users start using your app. These are the ways they can arrive.
        </p>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {ways.map((way) => (
            <li key={way.key} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
              <div className="min-w-0 flex-1 basis-64">
                <p className="font-medium">
                  {way.label}{' '}
                  <span className={way.setUp ? 'text-green-800' : 'text-slate-600'}>
                    <span aria-hidden="true">{way.setUp ? '✓' : '○'}</span> {way.setUp ? 'Set up' : 'Not set up'}
                  </span>
                </p>
                <p className="text-slate-700">{way.detail}</p>
              </div>
              {way.fix ? <ReasonFix fix={way.fix} targets={targets} /> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Latest changes
        </h2>
        <RecentEvents events={recent.rows} empty="No changes recorded yet." />
        <p className="text-sm">
          <Link href={`${base}/activity`}>Activity: every change to this organization</Link>
        </p>
      </section>
    </div>
  );
}
