import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { NumberedPagination } from '@/components/ui/pagination';
import { formatDateTime } from '@/lib/format';
import type { PageInfo } from '@/lib/pagination';

export interface AttemptRow {
  id: string;
  occurredAt: Date;
  test: boolean;
  outcome: string;
  subject: string | null;
  email: string | null;
  detail: unknown;
}

/** The connection's sign-in attempts, newest first: outcome (or the check that failed), when, who, and the details. */
export function SignInLog({ rows, page, base }: { rows: AttemptRow[]; page: PageInfo; base: string }) {
  return (
    <section aria-labelledby="log-heading" className="space-y-3">
      <h3 id="log-heading" className="font-semibold">
        Sign-in log
      </h3>
      {rows.length ? (
        <>
          <DataTable caption="Sign-in attempts" columns={[{ label: 'When' }, { label: 'Outcome' }, { label: 'Who' }, { label: 'Details' }]}>
            {rows.map((row) => {
              const check = (row.detail as { check?: string } | null)?.check;
              return (
                <tr key={row.id}>
                  <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(row.occurredAt)}</td>
                  <td className="px-4 py-2">
                    {row.outcome === 'success' ? (
                      <span className="font-medium text-emerald-800">Success</span>
                    ) : (
                      <span className="text-red-800">
                        Failed: {check ?? row.outcome} <span className="font-mono text-xs">({row.outcome})</span>
                      </span>
                    )}
                    {row.test ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">Test</span> : null}
                  </td>
                  <td className="px-4 py-2 break-all">{row.email ?? row.subject ?? '—'}</td>
                  <td className="px-4 py-2">
                    <Link href={`${base}/attempts/${row.id}`}>
                      View<span className="sr-only"> the attempt of {formatDateTime(row.occurredAt)}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <NumberedPagination info={page} hrefFor={(n) => `${base}?logPage=${n}#log-heading`} noun="Attempts" />
        </>
      ) : (
        <EmptyState title="No sign-in attempts yet">
          <p>Run a test sign-in: every attempt, test or real, shows here with its outcome.</p>
        </EmptyState>
      )}
    </section>
  );
}
