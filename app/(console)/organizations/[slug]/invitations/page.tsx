import { ReadOnlyNote } from '@/components/console/read-only-note';
import { InvitationList } from '@/components/invitations/invitation-list';
import { InviteMembersForm } from '@/components/invitations/invite-members-form';
import { rolesForOrganization } from '@/lib/access/queries';
import { hasPermission } from '@/lib/commands/permissions';
import { listInvitations } from '@/lib/invitations/queries';
import { detailViewSchema } from '@/lib/organizations/detail-view';
import { loadWorkspaceWith, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Invitations');

export default async function OrganizationInvitationsPage({
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
    now,
    data: [invitations, roles],
  } = await loadWorkspaceWith(slug, 'invitations', (client, now) =>
    Promise.all([
      listInvitations(client, { slug }, { filter: view.invitations, search: view.invitationSearch, page: view.invitationsPage }, now),
      rolesForOrganization(client, { slug }),
    ]),
  );
  return (
    <section aria-labelledby="invitations-heading" className="space-y-4">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Invitations <span className="text-sm font-normal text-slate-600">({organization._count.invitations})</span>
      </h2>
      {hasPermission(builder, 'invitations.send') ? (
        <InviteMembersForm organizationId={organization.id} slug={organization.slug} builderEmail={builder.email} roles={roles} />
      ) : (
        <ReadOnlyNote />
      )}
      <InvitationList organizationId={organization.id} slug={organization.slug} view={view} data={invitations} now={now} />
    </section>
  );
}
