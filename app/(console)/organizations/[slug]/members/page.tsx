import Link from 'next/link';
import { MemberActions } from '@/components/members/member-actions';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { NumberedPagination } from '@/components/ui/pagination';
import { SearchForm } from '@/components/ui/search-form';
import { rolesForOrganization } from '@/lib/access/queries';
import { hasPermission } from '@/lib/commands/permissions';
import { formatDate, formatDateTime } from '@/lib/format';
import { JOINED_VIA_LABELS } from '@/lib/members/labels';
import { detailViewSchema, organizationSectionHref } from '@/lib/organizations/detail-view';
import { listMembers } from '@/lib/organizations/queries';
import { loadWorkspaceWith, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Members');

export default async function OrganizationMembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const view = detailViewSchema.parse(await searchParams);
  const {
    builder,
    organization,
    data: [members, roles],
  } = await loadWorkspaceWith(slug, 'members', (client) =>
    Promise.all([listMembers(client, { slug }, view.membersPage, view.memberSearch), rolesForOrganization(client, { slug })]),
  );
  const manage = hasPermission(builder, 'members.manage');
  const sectionHref = `/organizations/${organization.slug}/members`;
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members <span className="text-sm font-normal text-slate-600">({organization._count.memberships})</span>
      </h2>
      {organization._count.memberships > 0 ? (
        <SearchForm
          action={sectionHref}
          name="memberSearch"
          id="member-search"
          label="Search members by email or name"
          defaultValue={view.memberSearch}
          clearHref={sectionHref}
          className="max-w-md"
        />
      ) : null}
      {members.rows.length ? (
        <>
          <DataTable
            caption="Members"
            columns={[
              { label: 'Email' },
              { label: 'Role' },
              { label: 'Status' },
              { label: 'Joined' },
              { label: 'Last sign-in' },
              ...(manage ? [{ label: 'Actions' }] : []),
            ]}
          >
            {members.rows.map((membership) => (
              <tr key={membership.id} className="align-top">
                <td className="px-4 py-2">
                  <Link href={`/organizations/${organization.slug}/members/${membership.id}`}>{membership.user.email}</Link>
                </td>
                <td className="px-4 py-2">{membership.roleRef.name}</td>
                <td className="px-4 py-2 capitalize">{membership.status}</td>
                <td className="px-4 py-2">
                  {formatDate(membership.createdAt)}
                  <span className="block text-slate-600">via {JOINED_VIA_LABELS[membership.joinedVia]}</span>
                </td>
                <td className="px-4 py-2">{membership.lastSignInAt ? formatDateTime(membership.lastSignInAt) : 'Never'}</td>
                {manage ? (
                  <td className="px-4 py-2">
                    <MemberActions
                      organizationId={organization.id}
                      membershipId={membership.id}
                      email={membership.user.email}
                      role={membership.role}
                      status={membership.status}
                      roles={roles}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
          <NumberedPagination
            noun="Members"
            info={members.page}
            hrefFor={(membersPage) => organizationSectionHref(organization.slug, 'members', { ...view, membersPage })}
          />
        </>
      ) : view.memberSearch ? (
        <EmptyState title={`No member matches “${view.memberSearch}”`}>
          <p>Search looks in members’ email addresses and names.</p>
        </EmptyState>
      ) : (
        <EmptyState title="No members yet">
          <p>Members join by accepting an invitation. Invite the first member of the operating team from Invitations.</p>
        </EmptyState>
      )}
    </section>
  );
}
