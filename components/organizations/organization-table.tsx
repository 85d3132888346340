import { DataTable } from '@/components/ui/data-table';
import { formatDate } from '@/lib/format';
import type { OrganizationListRow } from '@/lib/organizations/queries';
import { nextStep } from '@/lib/organizations/state-labels';
import { StateBadge } from './state-badge';

export function OrganizationTable({ rows }: { rows: OrganizationListRow[] }) {
  return (
    <DataTable
      caption="Organizations"
      bodyClassName="org-rows"
      columns={[
        { label: 'Name and slug' },
        { label: 'State' },
        { label: 'Next step' },
        { label: 'Members', align: 'right' },
        { label: 'Pending invitations', align: 'right' },
        { label: 'Verified domains', align: 'right' },
        { label: 'Launch' },
        { label: 'Created' },
        { label: 'Last activity' },
      ]}
    >
      {rows.map((row) => (
        // Styled by .org-rows in globals.css, once for every row: a page of 25 rows stays small.
        // A plain link: no client component, and no prefetch request, per row.
        <tr key={row.id}>
          <th scope="row">
            <a href={`/organizations/${row.slug}`}>{row.name}</a>
            <span>{row.slug}</span>
          </th>
          <td>
            <StateBadge state={row.state} />
          </td>
          <td>{nextStep(row.state, row.stateReasons)}</td>
          <td className="n">{row.memberCount}</td>
          <td className="n">{row.pendingInvitationCount}</td>
          <td className="n">{row.verifiedDomainCount}</td>
          <td>
            {row.launchedAt ? (
              <>
                Launched <time dateTime={row.launchedAt.toISOString()}>{formatDate(row.launchedAt)}</time>
                {row.launchFailing.length ? `, ${row.launchFailing.length} failing` : ''}
              </>
            ) : (
              `${row.launchPassed}/${row.launchApplicable} checks`
            )}
          </td>
          <td>
            <time dateTime={row.createdAt.toISOString()}>{formatDate(row.createdAt)}</time>
          </td>
          <td>
            <time dateTime={row.lastActivityAt.toISOString()}>{formatDate(row.lastActivityAt)}</time>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
