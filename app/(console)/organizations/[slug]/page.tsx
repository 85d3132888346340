import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { type OrganizationActions, OrganizationActionsProvider } from '@/components/actions-context';
import { DomainsSection } from '@/components/domains/domains-section';
import { InvitationList } from '@/components/invitations/invitation-list';
import { InviteMembersForm } from '@/components/invitations/invite-members-form';
import { MemberActions } from '@/components/members/member-actions';
import {
  ChangeSlugForm,
  DeleteOrganizationForm,
  RenameOrganizationForm,
  SuspensionForm,
} from '@/components/organizations/organization-settings';
import { StatePanel } from '@/components/organizations/state-panel';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { NumberedPagination } from '@/components/ui/pagination';
import { ROLE_LABELS } from '@/lib/access/roles';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/format';
import { listInvitations } from '@/lib/invitations/queries';
import { detailViewSchema, organizationDetailHref } from '@/lib/organizations/detail-view';
import { findOrganizationBySlug, listMembers, organizationNameBySlug } from '@/lib/organizations/queries';
import {
  changeOrganizationSlugAction,
  deleteOrganizationAction,
  reactivateOrganizationAction,
  renameOrganizationAction,
  suspendOrganizationAction,
} from './actions';
import {
  addDomainAction,
  disableAutoJoinAction,
  enableAutoJoinAction,
  includeSubdomainsAction,
  removeDomainAction,
  verifyDomainAction,
} from './domains/actions';
import {
  resendInvitationAction,
  reviewInvitationsAction,
  revokeInvitationAction,
  sendInvitationsAction,
  sendTestInvitationAction,
} from './invitations/actions';
import { changeMemberRoleAction, reactivateMemberAction, removeMemberAction, suspendMemberAction } from './members/actions';

/** The page's server actions, handed to its forms through context. */
const ACTIONS: OrganizationActions = {
  rename: renameOrganizationAction,
  changeSlug: changeOrganizationSlugAction,
  suspend: suspendOrganizationAction,
  reactivate: reactivateOrganizationAction,
  remove: deleteOrganizationAction,
  reviewInvitations: reviewInvitationsAction,
  sendInvitations: sendInvitationsAction,
  sendTestInvitation: sendTestInvitationAction,
  resendInvitation: resendInvitationAction,
  revokeInvitation: revokeInvitationAction,
  addDomain: addDomainAction,
  verifyDomain: verifyDomainAction,
  removeDomain: removeDomainAction,
  includeSubdomains: includeSubdomainsAction,
  enableAutoJoin: enableAutoJoinAction,
  disableAutoJoin: disableAutoJoinAction,
  changeMemberRole: changeMemberRoleAction,
  suspendMember: suspendMemberAction,
  reactivateMember: reactivateMemberAction,
  removeMember: removeMemberAction,
};

/** The organization's name in the tab and for screen readers, shown only to builders. */
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  if (!(await currentBuilder())) return { title: 'Organization' };
  return { title: (await organizationNameBySlug(await db(), slug)) ?? 'Organization' };
}

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const builder = await requireBuilderPage(`/organizations/${slug}`);
  const flags = await searchParams;
  const now = new Date();
  const lookup = await findOrganizationBySlug(await db(), slug, now);
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}`);
  if (lookup.kind === 'missing') notFound();
  const organization = lookup.organization;
  const view = detailViewSchema.parse(flags);
  const client = await db();
  const [members, invitations] = await Promise.all([
    listMembers(client, organization.id, view.membersPage),
    listInvitations(client, organization.id, { filter: view.invitations, search: view.invitationSearch, page: view.invitationsPage }, now),
  ]);
  const org = { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status };

  return (
    <OrganizationActionsProvider actions={ACTIONS}>
      <div className="space-y-8">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/organizations">Organizations</Link> <span aria-hidden="true">/</span> {organization.name}
        </nav>
        {flags.created ? (
          <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
            Organization created. Next: invite its first member.
          </p>
        ) : null}
        {flags.slugChanged ? (
          <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
            Slug changed. Links with the old slug redirect here.
          </p>
        ) : null}
        <header>
          <h1 className="text-2xl font-semibold">{organization.name}</h1>
          <dl className="mt-2 flex flex-wrap gap-x-8 gap-y-1 text-sm text-slate-700">
            <div className="flex gap-2">
              <dt className="font-medium">Slug</dt>
              <dd className="font-mono">{organization.slug}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="font-medium">Created</dt>
              <dd>
                <time dateTime={organization.createdAt.toISOString()}>{formatDate(organization.createdAt)}</time>
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="font-medium">Status</dt>
              <dd>{organization.status === 'suspended' ? 'Suspended' : 'Active'}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="font-medium">Last end-user activity</dt>
              <dd>{organization.lastEndUserActivityAt ? formatDate(organization.lastEndUserActivityAt) : 'None yet'}</dd>
            </div>
          </dl>
          <p className="mt-3 text-sm">
            <Link href={`/organizations/${organization.slug}/activity`}>Activity: every change to this organization</Link>
          </p>
        </header>

        <StatePanel state={organization.state} reasons={organization.stateReasons} />

        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-lg font-semibold">
            Members <span className="text-sm font-normal text-slate-600">({organization._count.memberships})</span>
          </h2>
          {members.rows.length ? (
            <>
              <DataTable
                caption="Members"
                columns={[{ label: 'Email' }, { label: 'Role' }, { label: 'Status' }, { label: 'Joined' }, { label: 'Actions' }]}
              >
                {members.rows.map((membership) => (
                  <tr key={membership.id} className="align-top">
                    <td className="px-4 py-2">{membership.user.email}</td>
                    <td className="px-4 py-2">{ROLE_LABELS[membership.role].label}</td>
                    <td className="px-4 py-2 capitalize">{membership.status}</td>
                    <td className="px-4 py-2">{formatDate(membership.createdAt)}</td>
                    <td className="px-4 py-2">
                      <MemberActions
                        organizationId={organization.id}
                        membershipId={membership.id}
                        email={membership.user.email}
                        role={membership.role}
                        status={membership.status}
                      />
                    </td>
                  </tr>
                ))}
              </DataTable>
              <NumberedPagination
                noun="Members"
                info={members.page}
                hrefFor={(membersPage) => organizationDetailHref(organization.slug, { ...view, membersPage }, 'members-heading')}
              />
            </>
          ) : (
            <EmptyState title="No members yet">
              <p>Members join by accepting an invitation. Invite the first member of the operating team.</p>
            </EmptyState>
          )}
        </section>

        <section aria-labelledby="invitations-heading" className="space-y-4">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Invitations <span className="text-sm font-normal text-slate-600">({organization._count.invitations})</span>
          </h2>
          <InviteMembersForm organizationId={organization.id} slug={organization.slug} builderEmail={builder.email} />
          <InvitationList organizationId={organization.id} slug={organization.slug} view={view} data={invitations} now={now} />
        </section>

        <DomainsSection organization={organization} domains={organization.domains} />

        <section aria-labelledby="settings-heading" className="space-y-6 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="settings-heading" className="text-lg font-semibold">
            Settings
          </h2>
          <div className="grid gap-8 md:grid-cols-2">
            <RenameOrganizationForm organization={org} />
            <ChangeSlugForm organization={org} />
          </div>
          <div className="grid gap-8 border-t border-slate-200 pt-6 md:grid-cols-2">
            <div>
              <h3 className="mb-2 font-semibold">{org.status === 'suspended' ? 'Reactivate' : 'Suspend'}</h3>
              <SuspensionForm organization={org} />
            </div>
            <div>
              <h3 className="mb-2 font-semibold text-red-800">Delete</h3>
              <DeleteOrganizationForm organization={org} />
            </div>
          </div>
        </section>
      </div>
    </OrganizationActionsProvider>
  );
}
