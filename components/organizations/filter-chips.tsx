import Link from 'next/link';
import { ORGANIZATION_FILTERS, type OrganizationFilterId } from '@/lib/organizations/filters';

export function FilterChips({
  active,
  counts,
  hrefFor,
}: {
  active: OrganizationFilterId;
  counts: Record<OrganizationFilterId, number>;
  hrefFor: (filter: OrganizationFilterId) => string;
}) {
  return (
    <nav aria-label="Filter organizations by state">
      <ul className="flex flex-wrap gap-2">
        {ORGANIZATION_FILTERS.map((filter) => {
          const current = filter.id === active;
          return (
            <li key={filter.id}>
              <Link
                href={hrefFor(filter.id)}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium no-underline hover:no-underline ${
                  current ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'
                }`}
              >
                {filter.label}
                <span className={`rounded-full px-2 text-xs ${current ? 'bg-white/20 text-white' : 'bg-slate-100 text-slate-700'}`}>
                  {counts[filter.id]}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
