import { z } from 'zod';

/** A `?…Page=` parameter: anything that isn't a whole number from 1 reads as the first page. */
export const pageNumberSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export interface PageInfo {
  /** The page shown: the requested one, pulled back to the last page when the list shrank. */
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  /** 1-based positions of the first and last rows shown; 0 and 0 for an empty list. */
  first: number;
  last: number;
  skip: number;
}

/** Where a numbered page starts, for lists small enough to page by offset (one organization's). */
export function pageInfo(requested: number, pageSize: number, total: number): PageInfo {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requested)), pageCount);
  const skip = (page - 1) * pageSize;
  return { page, pageSize, total, pageCount, skip, first: total ? skip + 1 : 0, last: Math.min(skip + pageSize, total) };
}

/**
 * A keyset page's position, from where it starts (carried in the URL), its rows and the total:
 * pulled back into range when the list changed meanwhile. Pure.
 */
export function keysetPosition(at: number, rows: number, total: number, pageSize: number, isFirstPage: boolean) {
  const first = isFirstPage ? 1 : Math.max(1, Math.min(at, Math.max(1, total - rows + 1)));
  const last = Math.min(total, first + rows - 1);
  return {
    first: rows ? first : 0,
    last: rows ? last : 0,
    total,
    nextAt: first + pageSize,
    previousAt: Math.max(1, first - pageSize),
  };
}

/** "51–100 of 230". */
export function describePage(info: PageInfo): string {
  return `${info.first.toLocaleString('en-US')}–${info.last.toLocaleString('en-US')} of ${info.total.toLocaleString('en-US')}`;
}

/**
 * A keyset position, `<ISO time>_<uuid>`: the time and id of the last row shown, for lists ordered
 * by a timestamp then id (the organizations list, the audit log).
 */
export const timeIdCursorSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/)
  .transform((value) => ({ at: new Date(value.slice(0, 24)), id: value.slice(25) }))
  .refine((cursor) => !Number.isNaN(cursor.at.getTime()));

export function encodeTimeIdCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

/**
 * One numbered page and its position, counting only when it must: a short page (or an empty first
 * one) tells the total by itself; a full page, or an empty page past the end, asks `count` (and an
 * empty page past the end is fetched again at the last page).
 */
export async function fetchNumberedPage<T>(
  requested: number,
  pageSize: number,
  fetch: (skip: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; page: PageInfo }> {
  const wanted = Math.max(1, Math.floor(requested));
  const skip = (wanted - 1) * pageSize;
  const rows = await fetch(skip);
  if (rows.length < pageSize && (rows.length > 0 || skip === 0)) return { rows, page: pageInfo(wanted, pageSize, skip + rows.length) };
  const page = pageInfo(wanted, pageSize, await count());
  return { rows: page.skip === skip ? rows : await fetch(page.skip), page };
}
