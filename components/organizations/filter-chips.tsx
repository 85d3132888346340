import Link from 'next/link';
import { formatCount } from '@/lib/format';
import { describeFilterStates, ORGANIZATION_FILTERS, type OrganizationFilterId } from '@/lib/organizations/filters';
import { STATE_PRESENTATION } from '@/lib/organizations/state-labels';

export function FilterChips({
  active,
  counts,
  countsCapped = false,
  hrefFor,
}: {
  active: OrganizationFilterId;
  counts: Record<OrganizationFilterId, number>;
  /** The counts are lower bounds (a search past its count cap): each shows as "N+". */
  countsCapped?: boolean;
  hrefFor: (filter: OrganizationFilterId) => string;
}) {
  return (
    <nav aria-label="Filter organizations by state">
      <ul className="flex flex-wrap gap-2">
        {ORGANIZATION_FILTERS.map((filter) => {
          const current = filter.id === active;
          const covers = `${filter.label}: ${describeFilterStates(filter.states, STATE_PRESENTATION)}`;
          return (
            <li key={filter.id}>
              <Link
                href={hrefFor(filter.id)}
                title={covers}
                aria-describedby={`chip-${filter.id}-covers`}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium no-underline hover:no-underline ${
                  current ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'
                }`}
              >
                {filter.label}
                <span className={`rounded-full px-2 text-xs ${current ? 'bg-white/20 text-white' : 'bg-slate-100 text-slate-700'}`}>
                  {formatCount(counts[filter.id], countsCapped)}
                </span>
              </Link>
              <span id={`chip-${filter.id}-covers`} className="sr-only">
                {covers}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-sm text-slate-600">
        Showing {ORGANIZATION_FILTERS.find((filter) => filter.id === active)?.label}:{' '}
        {describeFilterStates(ORGANIZATION_FILTERS.find((filter) => filter.id === active)?.states ?? [], STATE_PRESENTATION)}.
      </p>
    </nav>
  );
}
