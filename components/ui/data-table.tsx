import type { ReactNode } from 'react';

export type Column = { label: string; align?: 'left' | 'right' };

/** A bordered table with an announced caption and column headers; rows come as children. */
export function DataTable({
  caption,
  columns,
  children,
  footer,
  bodyClassName = '',
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
  footer?: ReactNode;
  /** A class for the rows' body: a long list styles its cells there once, not on every cell. */
  bodyClassName?: string;
}) {
  return (
    // On a narrow screen the table scrolls inside this region, which the keyboard can reach and scroll.
    <section
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled without a mouse
      tabIndex={0}
      data-scroll-region
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`px-4 py-3 ${column.align === 'right' ? 'text-right' : ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${bodyClassName}`}>{children}</tbody>
      </table>
      {footer ? <p className="px-4 py-2 text-sm text-slate-600">{footer}</p> : null}
    </section>
  );
}
