import { redirect } from 'next/navigation';
import { memberSignOutAction } from '@/app/login/actions';
import { PermissionChips } from '@/components/roles/permission-chips';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { listMembershipsForUser } from '@/lib/access/memberships';
import { effectivePermissionsOf } from '@/lib/access/permissions';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/format';

export const metadata = { title: 'Your organizations' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ joined?: string }> }) {
  const user = await currentUser();
  if (!user) redirect('/account/login');
  const { joined } = await searchParams;
  const client = await db();
  const memberships = await listMembershipsForUser(client, user.userId);
  // What each membership lets them do: their role's permissions and their groups'.
  const permissions = await Promise.all(memberships.map((membership) => effectivePermissionsOf(client, membership)));
  const joinedOrganization = memberships.find((m) => m.organization.slug === joined)?.organization;
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 px-6 py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Your organizations</h1>
        <form action={memberSignOutAction} className="flex min-w-0 flex-wrap items-center gap-3 text-sm text-slate-700">
          <span className="min-w-0 break-all">{user.email}</span>
          <button type="submit" className="rounded-md px-2 py-1 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
      {joinedOrganization ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Welcome! You joined {joinedOrganization.name}.
        </p>
      ) : null}
      {memberships.length ? (
        <DataTable
          caption="Your organizations"
          columns={[{ label: 'Organization' }, { label: 'Role' }, { label: 'Permissions' }, { label: 'Status' }, { label: 'Joined' }]}
        >
          {memberships.map((membership, index) => (
            <tr key={membership.id}>
              <th scope="row" className="px-4 py-3 text-left font-medium">
                {membership.organization.name}
              </th>
              <td className="px-4 py-3">{membership.roleRef.name}</td>
              <td className="px-4 py-3">
                <PermissionChips keys={[...permissions[index]!.keys()]} />
              </td>
              <td className="px-4 py-3 capitalize">{membership.status}</td>
              <td className="px-4 py-3">{formatDate(membership.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="You don’t belong to any organization yet">
          <p>When someone invites you, open the link in their email to join.</p>
        </EmptyState>
      )}
    </main>
  );
}
