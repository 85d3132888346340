import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from '@/lib/audit/actions';
import { describeAction, describeActor, describeSummary } from '@/lib/audit/describe';
import type { AuditEventRow, AuditQuery } from '@/lib/audit/queries';
import { formatDateTime } from '@/lib/format';
import { ExportButtons } from './export-buttons';

/**
 * An audit log page: filters by action and actor (in the URL), the events newest first, a page
 * at a time, and the exports. Shared by an organization's Activity view and the console-wide log.
 */
export function AuditLog({
  basePath,
  query,
  rows,
  nextCursor,
  organizations,
}: {
  basePath: string;
  query: AuditQuery;
  rows: AuditEventRow[];
  nextCursor: string | null;
  /** Slugs by organization id, to link each event on the console-wide log. */
  organizations?: Map<string, string>;
}) {
  const filters = new URLSearchParams();
  if (query.action) filters.set('action', query.action);
  if (query.actor) filters.set('actor', query.actor);
  const withFilters = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(filters);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const filtered = Boolean(query.action || query.actor);
  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form keeps one element; <search> is newer than some screen readers */}
      <form
        method="get"
        action={basePath}
        role="search"
        aria-label="Filter events"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="min-w-0 max-w-full">
          <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
            Action
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={query.action ?? ''}
            className="mt-1 block w-full max-w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="">Every action</option>
            {AUDIT_ACTION_NAMES.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTIONS[action]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
            Actor
          </label>
          <input
            id="audit-actor"
            name="actor"
            defaultValue={query.actor}
            placeholder="ada@example.com or system"
            aria-describedby="audit-actor-hint"
            className="mt-1 block w-72 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <p id="audit-actor-hint" className="mt-1 text-xs text-slate-600">
            An email address, or a kind: system, console_user, member.
          </p>
        </div>
        <button type="submit" className={buttonClasses('secondary')}>
          Filter
        </button>
        {filtered ? (
          <Link href={basePath} className={buttonClasses('ghost')}>
            Clear filters
          </Link>
        ) : null}
      </form>

      <ExportButtons basePath={`${basePath}/export`} filters={filters.toString()} />

      {rows.length ? (
        <DataTable
          caption="Audit events, newest first"
          columns={[{ label: 'When' }, { label: 'Actor' }, { label: 'Action' }, { label: 'Target' }, { label: 'Details' }]}
        >
          {rows.map((event) => {
            const slug = organizations && event.organizationId ? organizations.get(event.organizationId) : undefined;
            return (
              <tr key={event.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2">
                  <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
                </td>
                <td className="px-4 py-2">{describeActor(event)}</td>
                <td className="px-4 py-2">{describeAction(event.action)}</td>
                <td className="px-4 py-2">
                  {organizations ? (
                    <span className="block text-xs text-slate-600">
                      {slug ? (
                        <Link href={`/organizations/${slug}`}>{slug}</Link>
                      ) : event.organizationId ? (
                        'Deleted organization'
                      ) : (
                        'Console'
                      )}
                    </span>
                  ) : null}
                  {event.targetLabel ?? event.targetType}
                </td>
                <td className="px-4 py-2">
                  <ul className="space-y-0.5 text-xs text-slate-700">
                    {describeSummary(event.summary).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                    {event.ip ? <li className="text-slate-600">from {event.ip}</li> : null}
                  </ul>
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
          <p>
            {filtered
              ? 'Try another action or actor, or clear the filters.'
              : 'Every change made here is recorded, and shows up in this list.'}
          </p>
        </EmptyState>
      )}
      <nav aria-label="Audit log pages" className="flex gap-3">
        {query.after ? (
          <Link href={withFilters()} className={buttonClasses('secondary')}>
            Newest events
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={withFilters({ after: nextCursor })} className={buttonClasses('secondary')}>
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
