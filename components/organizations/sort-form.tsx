import { buttonClasses } from '@/components/ui/button';
import { ORGANIZATION_SORTS, type OrganizationSort, SORT_LABELS } from '@/lib/organizations/schemas';

/** The list's sort, as a GET form: the choice lives in the URL, and the page starts over at 1. */
export function SortForm({ sort, keep }: { sort: OrganizationSort; keep: Record<string, string | undefined> }) {
  return (
    <form method="get" action="/organizations" className="flex items-end gap-2">
      {Object.entries(keep).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
      <div>
        <label htmlFor="organization-sort" className="block text-sm font-medium text-slate-800">
          Sort
        </label>
        <select
          id="organization-sort"
          name="sort"
          defaultValue={sort}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {ORGANIZATION_SORTS.map((option) => (
            <option key={option} value={option}>
              {SORT_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses('secondary')}>
        Apply
      </button>
    </form>
  );
}
