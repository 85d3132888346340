import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { SearchForm } from '@/components/ui/search-form';
import { formatDateTime } from '@/lib/format';

export interface DirectoryEventRow {
  id: string;
  occurredAt: Date;
  method: string;
  path: string;
  operation: string;
  status: number;
  resourceId: string | null;
  changes: unknown;
  error: string | null;
  durationMs: number;
  body: unknown;
}

/** What a request changed, in a line: the keys of its summary with their values. */
function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  return Object.entries(changes as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}

/** The directory's event log: each SCIM request, newest first, searchable, failures on their own. */
export function DirectoryEvents({
  base,
  events,
  search,
  failuresOnly,
  nextHref,
  firstHref,
}: {
  base: string;
  events: DirectoryEventRow[];
  search: string;
  failuresOnly: boolean;
  nextHref: string | null;
  firstHref: string | null;
}) {
  return (
    <section aria-labelledby="directory-events-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="directory-events-heading" className="text-lg font-semibold">
          Directory event log
        </h2>
        <Link href={base.replace(/\/events$/, '')}>Back to the directory</Link>
      </div>
      <p className="max-w-3xl text-sm text-slate-700">
        Every SCIM request the identity provider sent: its operation, the answer, what it changed and how long it took. Bodies are kept with
        passwords and secrets removed.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <SearchForm
          action={base}
          name="q"
          label="Search operations, paths, ids and errors"
          id="directory-events-search"
          defaultValue={search}
          keep={{ failures: failuresOnly ? '1' : undefined }}
          clearHref={failuresOnly ? `${base}?failures=1` : base}
          className="min-w-0 flex-1"
        />
        <nav aria-label="Which requests" className="flex gap-3 text-sm">
          <Link href={search ? `${base}?q=${encodeURIComponent(search)}` : base} aria-current={failuresOnly ? undefined : 'page'}>
            All requests
          </Link>
          <Link
            href={`${base}?failures=1${search ? `&q=${encodeURIComponent(search)}` : ''}`}
            aria-current={failuresOnly ? 'page' : undefined}
          >
            Failures only
          </Link>
        </nav>
      </div>
      {events.length ? (
        <ol className="space-y-2" aria-label="Requests">
          {events.map((event) => (
            <li key={event.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${event.status >= 400 ? 'bg-red-100 text-red-900' : 'bg-green-100 text-green-900'}`}
                >
                  {event.status}
                </span>
                <span className="font-medium">{event.operation}</span>
                <span className="min-w-0 break-all font-mono text-xs text-slate-700">
                  {event.method} {event.path}
                </span>
                <span className="text-slate-600">
                  {formatDateTime(event.occurredAt)} · {event.durationMs} ms
                </span>
              </div>
              {event.error ? <p className="mt-1 break-words text-red-800">{event.error}</p> : null}
              {describeChanges(event.changes) ? <p className="mt-1 break-all text-slate-700">{describeChanges(event.changes)}</p> : null}
              {event.body ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-slate-700">Request body (redacted)</summary>
                  <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                    {JSON.stringify(event.body, null, 2)}
                  </pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title={search || failuresOnly ? 'No requests match' : 'No requests yet'}>
          <p>
            {search || failuresOnly
              ? 'Try another search, or show all requests.'
              : 'Requests appear here as soon as the identity provider sends its first one.'}
          </p>
        </EmptyState>
      )}
      <Pagination previousHref={firstHref} nextHref={nextHref} label="Event log pages" />
    </section>
  );
}
