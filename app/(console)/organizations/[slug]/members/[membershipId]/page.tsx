import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RecentEvents } from '@/components/audit/recent-events';
import { DataTable } from '@/components/ui/data-table';
import { db } from '@/lib/db/client';
import { formatDate, formatDateTime } from '@/lib/format';
import { JOINED_VIA_LABELS } from '@/lib/members/labels';
import { memberDetail } from '@/lib/members/queries';
import { loadWorkspace } from '../../load';

export const metadata = { title: 'Member' };

/** One member: role, groups, how they joined, last sign-in, effective permissions with sources, history. */
export default async function MemberPage({ params }: { params: Promise<{ slug: string; membershipId: string }> }) {
  const { slug, membershipId } = await params;
  const { organization } = await loadWorkspace(slug, `members/${membershipId}`);
  if (!/^[0-9a-f-]{36}$/.test(membershipId)) notFound();
  const detail = await memberDetail(await db(), organization.id, membershipId);
  if (!detail) notFound();
  const { membership, permissions, events, permissionDescriptions } = detail;
  const base = `/organizations/${organization.slug}`;
  return (
    <div className="space-y-8">
      <nav aria-label="Member" className="text-sm">
        <Link href={`${base}/members`}>Members</Link> <span aria-hidden="true">/</span> {membership.user.email}
      </nav>
      <section aria-labelledby="member-heading" className="space-y-3">
        <h2 id="member-heading" className="break-all text-lg font-semibold">
          {membership.user.email}
        </h2>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">Role</dt>
          <dd>{membership.roleRef.name}</dd>
          <dt className="font-medium">Status</dt>
          <dd className="capitalize">{membership.status}</dd>
          <dt className="font-medium">Joined</dt>
          <dd>
            {formatDate(membership.createdAt)} via {JOINED_VIA_LABELS[membership.joinedVia]}
          </dd>
          <dt className="font-medium">Last sign-in</dt>
          <dd>{membership.lastSignInAt ? formatDateTime(membership.lastSignInAt) : 'Never'}</dd>
          <dt className="font-medium">Groups</dt>
          <dd>{membership.groups.length ? membership.groups.map((g) => g.group.name).join(', ') : 'None'}</dd>
        </dl>
      </section>

      <section aria-labelledby="permissions-heading" className="space-y-3">
        <h2 id="permissions-heading" className="text-lg font-semibold">
          Effective permissions
        </h2>
        <p className="text-sm text-slate-700">Their own role’s permissions, and those of every group they are in.</p>
        {permissions.size ? (
          <DataTable caption="Effective permissions" columns={[{ label: 'Permission' }, { label: 'What it allows' }, { label: 'From' }]}>
            {[...permissions.entries()].map(([key, sources]) => (
              <tr key={key} className="align-top">
                <th scope="row" className="px-4 py-2 text-left font-mono text-xs font-normal">
                  {key}
                </th>
                <td className="px-4 py-2">{permissionDescriptions.get(key) ?? ''}</td>
                <td className="px-4 py-2">
                  {sources
                    .map((source) => (source.kind === 'role' ? `Role ${source.role}` : `Group ${source.group} (${source.role})`))
                    .join('; ')}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-700">None: their role and groups give no permission.</p>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <RecentEvents events={events} empty="No changes recorded about this member yet." />
        <p className="text-sm">
          <Link href={`${base}/activity`}>Activity: every change to this organization</Link>
        </p>
      </section>
    </div>
  );
}
