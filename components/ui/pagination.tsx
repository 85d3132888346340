import Link from 'next/link';
import { describePage, type PageInfo } from '@/lib/pagination';

/** Previous/next links; a missing href means there is no page that way. */
export function Pagination({
  previousHref,
  nextHref,
  summary,
  label = 'Pagination',
}: {
  previousHref: string | null;
  nextHref: string | null;
  summary?: string;
  label?: string;
}) {
  if (!previousHref && !nextHref) return null;
  const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 no-underline hover:bg-slate-100';
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4">
      {previousHref ? (
        <Link href={previousHref} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      {summary ? <span className="text-sm text-slate-700">{summary}</span> : null}
      {nextHref ? (
        <Link href={nextHref} className={linkClass} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Previous/next through numbered pages, with "Members 51–100 of 230" between them. */
export function NumberedPagination({ info, hrefFor, noun }: { info: PageInfo; hrefFor: (page: number) => string; noun: string }) {
  return (
    <Pagination
      label={`${noun} pages`}
      summary={`${noun} ${describePage(info)}`}
      previousHref={info.page > 1 ? hrefFor(info.page - 1) : null}
      nextHref={info.page < info.pageCount ? hrefFor(info.page + 1) : null}
    />
  );
}
