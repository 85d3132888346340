import Link from 'next/link';
import { buttonClasses } from './button';

/**
 * A GET search box: the term lives in the URL, so results can be shared and reloaded. `keep`
 * carries the rest of the view (a filter, a page) through the submit; Clear drops the term.
 */
export function SearchForm({
  action,
  name,
  label,
  id,
  defaultValue,
  keep = {},
  clearHref,
  className = '',
}: {
  action: string;
  name: string;
  label: string;
  id: string;
  defaultValue: string;
  keep?: Record<string, string | undefined>;
  clearHref: string;
  className?: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: role=search on the form keeps one element; <search> is newer than some screen readers
    <form method="get" action={action} role="search" aria-label={label} className={`flex gap-2 ${className}`}>
      {Object.entries(keep).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        name={name}
        defaultValue={defaultValue}
        placeholder={label}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <button type="submit" className={buttonClasses('secondary')}>
        Search
      </button>
      {defaultValue ? (
        <Link href={clearHref} className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
