import Link from 'next/link';
import { FilterChips } from '@/components/organizations/filter-chips';
import { OrganizationTable } from '@/components/organizations/organization-table';
import { SortForm } from '@/components/organizations/sort-form';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { SearchForm } from '@/components/ui/search-form';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { formatCount } from '@/lib/format';
import { FILTER_EMPTY_STATES } from '@/lib/organizations/empty-states';
import { ORGANIZATION_FILTERS, type OrganizationFilterId } from '@/lib/organizations/filters';
import { listOrganizations } from '@/lib/organizations/queries';
import { organizationListQuerySchema } from '@/lib/organizations/schemas';
import { keysetPosition } from '@/lib/pagination';

export const metadata = { title: 'Organizations' };

function hrefWith(params: {
  filter: string;
  q: string;
  sort?: string;
  launch?: string;
  after?: string | null;
  before?: string | null;
  at?: number;
}) {
  const search = new URLSearchParams();
  if (params.filter !== 'all') search.set('filter', params.filter);
  if (params.q) search.set('q', params.q);
  if (params.sort) search.set('sort', params.sort);
  if (params.launch) search.set('launch', params.launch);
  if (params.after) search.set('after', params.after);
  if (params.before) search.set('before', params.before);
  if (params.at && params.at > 1 && (params.after || params.before)) search.set('at', String(params.at));
  const query = search.toString();
  return query ? `/organizations?${query}` : '/organizations';
}

export default async function OrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const builder = await requireBuilderPage('/organizations');
  const canCreate = hasPermission(builder, 'organizations.create');
  const raw = await searchParams;
  const query = organizationListQuerySchema.parse({
    filter: typeof raw.filter === 'string' ? raw.filter : undefined,
    q: typeof raw.q === 'string' ? raw.q : undefined,
    sort: typeof raw.sort === 'string' ? raw.sort : undefined,
    launch: typeof raw.launch === 'string' ? raw.launch : undefined,
    after: typeof raw.after === 'string' ? raw.after : undefined,
    before: typeof raw.before === 'string' ? raw.before : undefined,
    at: typeof raw.at === 'string' ? raw.at : undefined,
  });
  const list = await listOrganizations(await db(), query, new Date());
  // What every link keeps: the chip, the search, and a sort the builder picked.
  const view = { filter: query.filter, q: query.q, sort: query.sort, launch: query.launch };
  // A capped search count is a lower bound: positions aren't clamped to it.
  const position = keysetPosition(
    query.at ?? 1,
    list.rows.length,
    list.countsCapped ? Number.MAX_SAFE_INTEGER : list.total,
    list.pageSize,
    !query.after && !list.previousCursor,
  );
  const totalWords = formatCount(list.total, list.countsCapped);
  const empty = FILTER_EMPTY_STATES[query.filter as OrganizationFilterId];
  // A search with nothing under this chip: the chips (not All) that do hold matches.
  const elsewhere = ORGANIZATION_FILTERS.filter(
    (filter) => filter.id !== query.filter && filter.id !== 'all' && list.counts[filter.id] > 0,
  );

  // Deleting an organization lands here: say so, with where its history went.
  const deleted = typeof raw.deleted === 'string' && /^[a-z0-9-]{1,63}$/.test(raw.deleted) ? raw.deleted : null;

  return (
    <div className="space-y-6">
      {deleted ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Organization <span className="font-mono">{deleted}</span> deleted. Its history stays in the{' '}
          <Link href="/audit?action=organization.deleted">audit log</Link>.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        {canCreate ? (
          <Link href="/organizations/new" className={buttonClasses('primary')}>
            Create Organization
          </Link>
        ) : null}
      </div>

      <SearchForm
        action="/organizations"
        name="q"
        id="organization-search"
        label="Search by name or slug"
        defaultValue={query.q}
        keep={{ filter: query.filter !== 'all' ? query.filter : undefined, sort: query.sort, launch: query.launch }}
        clearHref={hrefWith({ filter: query.filter, q: '', launch: query.launch })}
        className="max-w-xl"
      />

      <FilterChips
        active={query.filter as OrganizationFilterId}
        counts={list.counts}
        countsCapped={list.countsCapped}
        hrefFor={(filter) => hrefWith({ ...view, filter })}
      />

      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <p className="text-sm text-slate-600" role="status" aria-live="polite">
            {list.total === 1 && !list.countsCapped ? '1 organization' : `${totalWords} organizations`}
            {query.launch ? ' ready to launch' : ''}
            {query.q ? ` matching “${query.q}”` : ''}
          </p>
          <p className="text-sm">
            {query.launch ? (
              <Link href={hrefWith({ ...view, launch: undefined })}>Show every organization, launched or not</Link>
            ) : (
              <Link href={hrefWith({ ...view, launch: 'ready' })}>Only those ready to launch</Link>
            )}
          </p>
        </div>
        <SortForm
          sort={list.sort}
          keep={{ filter: query.filter !== 'all' ? query.filter : undefined, q: query.q || undefined, launch: query.launch }}
        />
      </div>

      {list.rows.length ? (
        <>
          <OrganizationTable rows={list.rows} />
          <Pagination
            previousHref={list.previousCursor ? hrefWith({ ...view, before: list.previousCursor, at: position.previousAt }) : null}
            nextHref={list.nextCursor ? hrefWith({ ...view, after: list.nextCursor, at: position.nextAt }) : null}
            summary={`${position.first.toLocaleString('en-US')}–${position.last.toLocaleString('en-US')} of ${totalWords}`}
            label="Organizations pages"
          />
        </>
      ) : query.launch && !query.after && !query.before ? (
        <EmptyState title="No organization here is ready to launch">
          <p>
            An organization is ready when every applicable launch check passes.{' '}
            <Link href={hrefWith({ ...view, launch: undefined, sort: 'launch' })}>See the closest to launch first</Link>.
          </p>
        </EmptyState>
      ) : query.q ? (
        <EmptyState title={`No organizations match “${query.q}”`}>
          {elsewhere.length ? (
            <p>
              Other chips hold matches:{' '}
              {elsewhere.map((filter, index) => (
                <span key={filter.id}>
                  {index ? ', ' : ''}
                  <Link href={hrefWith({ ...view, filter: filter.id })}>
                    {filter.label} ({formatCount(list.counts[filter.id], list.countsCapped)})
                  </Link>
                </span>
              ))}
              .
            </p>
          ) : (
            <p>
              Check the spelling, search by slug, or <Link href={hrefWith({ filter: query.filter, q: '' })}>clear the search</Link>.
            </p>
          )}
        </EmptyState>
      ) : (query.after || query.before) && list.total > 0 ? (
        <EmptyState title="This page is past the end of the list">
          <p>
            <Link href={hrefWith(view)}>Go to the first page</Link>
          </p>
        </EmptyState>
      ) : (
        <EmptyState title={empty.title}>
          <p>{empty.next}</p>
          {empty.link && (canCreate || empty.link.href !== '/organizations/new') ? (
            <p className="mt-3">
              <Link href={empty.link.href}>{empty.link.label}</Link>
            </p>
          ) : null}
        </EmptyState>
      )}
    </div>
  );
}
