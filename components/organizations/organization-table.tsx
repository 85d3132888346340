import Link from 'next/link';
import type { OrganizationListRow } from '@/lib/organizations/queries';
import { STATE_PRESENTATION } from '@/lib/organizations/state-labels';
import { StateBadge } from './state-badge';

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDate(date: Date) {
  return dateFormat.format(date);
}

export function OrganizationTable({ rows }: { rows: OrganizationListRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Organizations</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Slug</th>
            <th scope="col" className="px-4 py-3">State</th>
            <th scope="col" className="px-4 py-3">Next step</th>
            <th scope="col" className="px-4 py-3 text-right">Members</th>
            <th scope="col" className="px-4 py-3 text-right">Pending invitations</th>
            <th scope="col" className="px-4 py-3 text-right">Verified domains</th>
            <th scope="col" className="px-4 py-3">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <th scope="row" className="px-4 py-3 text-left font-medium">
                <Link href={`/organizations/${row.slug}`}>{row.name}</Link>
              </th>
              <td className="px-4 py-3 font-mono text-xs text-slate-700">{row.slug}</td>
              <td className="px-4 py-3">
                <StateBadge state={row.state} />
              </td>
              <td className="px-4 py-3 text-slate-700">{STATE_PRESENTATION[row.state].action}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.memberCount}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.pendingInvitationCount}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.verifiedDomainCount}</td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                <time dateTime={row.createdAt.toISOString()}>{formatDate(row.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
