import Link from 'next/link';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import {
  AddGroupMemberForm,
  CreateGroupForm,
  DeleteGroupButton,
  GroupRolesForm,
  RemoveGroupMemberButton,
} from '@/components/groups/group-forms';
import { EmptyState } from '@/components/ui/empty-state';
import { rolesForOrganization } from '@/lib/access/queries';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { listGroups, rolesInUse } from '@/lib/groups/queries';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Roles & groups');

/** The organization's roles in use, and its groups with their members and roles. */
export default async function OrganizationRolesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { builder, organization } = await loadWorkspace(slug, 'roles');
  const manage = hasPermission(builder, 'groups.manage');
  const client = await db();
  const [inUse, roles, groups, members] = await Promise.all([
    rolesInUse(client, organization.id),
    rolesForOrganization(client, organization.id),
    listGroups(client, organization.id),
    client.membership.findMany({
      where: { organizationId: organization.id },
      select: { id: true, user: { select: { email: true } } },
      orderBy: { createdAt: 'asc' },
      take: 500,
    }),
  ]);
  const base = `/organizations/${organization.slug}`;
  return (
    <div className="space-y-10">
      <section aria-labelledby="roles-in-use-heading" className="space-y-3">
        <h2 id="roles-in-use-heading" className="text-lg font-semibold">
          Roles in use
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Start simple: one owner or admin first. Roles are defined for the whole console on the <Link href="/roles">Roles</Link> page.
        </p>
        {inUse.length ? (
          <ul className="flex flex-wrap gap-2">
            {inUse.map((role) => (
              <li key={role.key} className="rounded-full border border-slate-300 bg-white px-3 py-1 text-sm">
                {role.name} <span className="text-slate-600">· {role.members === 1 ? '1 member' : `${role.members} members`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">
            No members yet. <Link href={`${base}/invitations`}>Invite the first one</Link>.
          </p>
        )}
      </section>

      <section aria-labelledby="groups-heading" className="space-y-4">
        <h2 id="groups-heading" className="text-lg font-semibold">
          Groups
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Add groups only when people need different areas or permissions. A member receives the roles of every group they are in, on top of
          their own role. A directory can push groups too; those change only in the identity provider.
        </p>
        {groups.length ? (
          <ul className="space-y-4">
            {groups.map((group) => {
              const inGroup = new Set(group.members.map((m) => m.membershipId));
              const fromDirectory = group.source === 'directory';
              const editable = manage && !fromDirectory;
              return (
                <li key={group.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <h3 className="font-semibold">{group.name}</h3>
                      {group.description ? <p className="text-sm text-slate-700">{group.description}</p> : null}
                      <p className="text-sm text-slate-600">
                        {group.roles.length ? `Gives ${group.roles.map((r) => r.role.name).join(', ')}` : 'Gives no role'} ·{' '}
                        {group.members.length === 1 ? '1 member' : `${group.members.length} members`}
                        {fromDirectory ? ' · from the directory' : ''}
                      </p>
                    </div>
                    {editable ? (
                      <DeleteGroupButton
                        organizationId={organization.id}
                        group={{ id: group.id, name: group.name, memberCount: group.members.length }}
                      />
                    ) : null}
                  </div>
                  {group.members.length ? (
                    <ul className="divide-y divide-slate-100 text-sm">
                      {group.members.map((member) => (
                        <li key={member.membershipId} className="flex flex-wrap items-center justify-between gap-2 py-1">
                          <Link href={`${base}/members/${member.membershipId}`}>{member.membership.user.email}</Link>
                          {editable ? (
                            <RemoveGroupMemberButton
                              organizationId={organization.id}
                              groupId={group.id}
                              membershipId={member.membershipId}
                              email={member.membership.user.email}
                              groupName={group.name}
                            />
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {fromDirectory ? (
                    <p className="text-sm text-slate-700">
                      This group comes from the organization’s directory: change it in the identity provider.
                    </p>
                  ) : editable ? (
                    <>
                      <AddGroupMemberForm
                        organizationId={organization.id}
                        group={group}
                        candidates={members.filter((m) => !inGroup.has(m.id)).map((m) => ({ id: m.id, email: m.user.email }))}
                      />
                      <GroupRolesForm
                        organizationId={organization.id}
                        group={{ id: group.id, name: group.name, description: group.description, roles: group.roles.map((r) => r.roleKey) }}
                        roles={roles}
                      />
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <EmptyState title="No groups yet">
            <p>Most organizations don’t need one. Create a group when several members need the same extra role.</p>
          </EmptyState>
        )}
        {manage ? (
          <>
            <h3 className="pt-2 font-semibold">Create a group</h3>
            <CreateGroupForm organizationId={organization.id} roles={roles} />
          </>
        ) : (
          <ReadOnlyNote />
        )}
      </section>
    </div>
  );
}
