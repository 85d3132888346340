import Link from 'next/link';
import type { ReactNode } from 'react';
import { OrganizationActionsProvider } from '@/components/actions-context';
import { type Section, SectionNav } from '@/components/organizations/section-nav';
import { StateBadge } from '@/components/organizations/state-badge';
import { permissionsOf } from '@/lib/commands/permissions';
import { formatDate } from '@/lib/format';
import { ORGANIZATION_ACTIONS } from './actions-map';
import { loadWorkspace } from './load';

/**
 * The organization workspace: its name, slug and state, and its sections, each with its own URL.
 * Every section page loads the same organization (cached for the request).
 */
export default async function OrganizationWorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { builder, organization } = await loadWorkspace(slug);
  const base = `/organizations/${organization.slug}`;
  const unverified = organization.domains.filter((d) => d.status !== 'verified').length;
  const failingSso = organization.ssoConnections.filter((c) => c.enabled && c.status === 'error').length;
  const sections: Section[] = [
    { href: base, label: 'Overview' },
    {
      href: `${base}/launch`,
      label: 'Launch check',
      badge: organization.launchedAt ? 'Launched' : `${organization.launchPassed}/${organization.launchApplicable}`,
      warn: Boolean(organization.launchedAt) && organization.launchFailing.length > 0,
    },
    { href: `${base}/members`, label: 'Members', badge: String(organization._count.memberships) },
    {
      href: `${base}/invitations`,
      label: 'Invitations',
      badge: organization.pendingInvitationCount ? `${organization.pendingInvitationCount} pending` : undefined,
    },
    { href: `${base}/domains`, label: 'Domains', badge: unverified ? `${unverified} unverified` : undefined, warn: unverified > 0 },
    {
      href: `${base}/sso`,
      label: 'SSO',
      badge: failingSso
        ? `${failingSso} failing`
        : organization.ssoConnections.length
          ? String(organization.ssoConnections.length)
          : undefined,
      warn: failingSso > 0,
    },
    {
      href: `${base}/directory`,
      label: 'Directory',
      badge: organization.directory?.status === 'error' ? 'failing' : undefined,
      warn: organization.directory?.status === 'error',
    },
    { href: `${base}/setup-links`, label: 'Setup links' },
    { href: `${base}/roles`, label: 'Roles & groups' },
    { href: `${base}/activity`, label: 'Activity' },
    { href: `${base}/settings`, label: 'Settings' },
  ];
  return (
    <OrganizationActionsProvider actions={ORGANIZATION_ACTIONS} permissions={[...permissionsOf(builder)]}>
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/organizations">Organizations</Link> <span aria-hidden="true">/</span> {organization.name}
        </nav>
        <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <h1 className="text-2xl font-semibold">{organization.name}</h1>
          <StateBadge state={organization.state} />
          <span className="font-mono text-sm text-slate-600">{organization.slug}</span>
          {organization.launchedAt ? (
            <span className="rounded-full bg-green-50 px-2 py-0.5 text-sm text-green-900">
              Launched {formatDate(organization.launchedAt)}
            </span>
          ) : null}
        </header>
        {organization.sourceGroup ? (
          <p className="text-sm text-slate-700">
            Created from the directory group <strong>{organization.sourceGroup.displayName}</strong> of{' '}
            <Link href={`/organizations/${organization.sourceGroup.directory.organization.slug}/directory`}>
              {organization.sourceGroup.directory.organization.name}
            </Link>
            : its members come from that group.
          </p>
        ) : null}
        <SectionNav sections={sections} />
        {children}
      </div>
    </OrganizationActionsProvider>
  );
}
