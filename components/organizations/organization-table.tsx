import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { formatDate } from '@/lib/format';
import type { OrganizationListRow } from '@/lib/organizations/queries';
import { nextStep } from '@/lib/organizations/state-labels';
import { StateBadge } from './state-badge';

export function OrganizationTable({ rows }: { rows: OrganizationListRow[] }) {
  return (
    <DataTable
      caption="Organizations"
      columns={[
        { label: 'Name and slug' },
        { label: 'State' },
        { label: 'Next step' },
        { label: 'Members', align: 'right' },
        { label: 'Pending invitations', align: 'right' },
        { label: 'Verified domains', align: 'right' },
        { label: 'Created' },
        { label: 'Last activity' },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} className="hover:bg-slate-50">
          <th scope="row" className="min-w-40 px-3 py-3 text-left font-medium">
            <Link href={`/organizations/${row.slug}`}>{row.name}</Link>
            <span className="mt-0.5 block font-mono text-xs font-normal text-slate-600">{row.slug}</span>
          </th>
          <td className="px-3 py-3">
            <StateBadge state={row.state} />
          </td>
          <td className="min-w-52 px-3 py-3 text-slate-700">{nextStep(row.state, row.stateReasons)}</td>
          <td className="px-3 py-3 text-right tabular-nums">{row.memberCount}</td>
          <td className="px-3 py-3 text-right tabular-nums">{row.pendingInvitationCount}</td>
          <td className="px-3 py-3 text-right tabular-nums">{row.verifiedDomainCount}</td>
          <td className="px-3 py-3 whitespace-nowrap text-slate-700">
            <time dateTime={row.createdAt.toISOString()}>{formatDate(row.createdAt)}</time>
          </td>
          <td className="px-3 py-3 whitespace-nowrap text-slate-700">
            <time dateTime={row.lastActivityAt.toISOString()}>{formatDate(row.lastActivityAt)}</time>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
