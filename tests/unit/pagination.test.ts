import { describe, expect, it } from 'vitest';
import { describePage, fetchNumberedPage, pageInfo, pageNumberSchema } from '@/lib/pagination';

describe('pageInfo', () => {
  it('places a middle page', () => {
    expect(pageInfo(2, 50, 230)).toEqual({ page: 2, pageSize: 50, total: 230, pageCount: 5, skip: 50, first: 51, last: 100 });
  });

  it('ends the last page at the total', () => {
    expect(pageInfo(5, 50, 230)).toMatchObject({ page: 5, first: 201, last: 230 });
    expect(pageInfo(2, 50, 100)).toMatchObject({ page: 2, pageCount: 2, first: 51, last: 100 });
  });

  it('pulls a page past the end back to the last page, so a stale link never shows an empty list', () => {
    expect(pageInfo(9, 50, 230)).toMatchObject({ page: 5, skip: 200 });
    expect(pageInfo(3, 50, 100)).toMatchObject({ page: 2, skip: 50 });
  });

  it('has one empty page for an empty list', () => {
    expect(pageInfo(4, 50, 0)).toEqual({ page: 1, pageSize: 50, total: 0, pageCount: 1, skip: 0, first: 0, last: 0 });
  });

  it('describes the rows shown', () => {
    expect(describePage(pageInfo(2, 50, 1230))).toBe('51–100 of 1,230');
  });
});

describe('pageNumberSchema', () => {
  it.each([
    ['3', 3],
    ['1', 1],
    ['0', 1],
    ['-2', 1],
    ['2.5', 1],
    ['abc', 1],
    [undefined, 1],
    ['99999999', 1],
  ])('reads %s as page %s', (raw, page) => {
    expect(pageNumberSchema.parse(raw)).toBe(page);
  });
});

describe('keysetPosition', () => {
  it('counts from where the page starts, carried in the URL', async () => {
    const { keysetPosition } = await import('@/lib/pagination');
    expect(keysetPosition(1, 25, 1234, 25, true)).toEqual({ first: 1, last: 25, total: 1234, nextAt: 26, previousAt: 1 });
    expect(keysetPosition(26, 25, 1234, 25, false)).toEqual({ first: 26, last: 50, total: 1234, nextAt: 51, previousAt: 1 });
    expect(keysetPosition(1226, 9, 1234, 25, false)).toMatchObject({ first: 1226, last: 1234 });
  });

  it('stays in range when the list changed meanwhile, or the hint is made up', async () => {
    const { keysetPosition } = await import('@/lib/pagination');
    expect(keysetPosition(5000, 10, 40, 25, false)).toMatchObject({ first: 31, last: 40 });
    expect(keysetPosition(40, 25, 30, 25, true)).toMatchObject({ first: 1, last: 25 });
    expect(keysetPosition(1, 0, 0, 25, true)).toMatchObject({ first: 0, last: 0 });
  });
});

describe('fetchNumberedPage', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const source = (items: number[]) => {
    const calls = { fetch: [] as number[], count: 0 };
    return {
      calls,
      fetch: async (skip: number) => {
        calls.fetch.push(skip);
        return items.slice(skip, skip + 10);
      },
      count: async () => {
        calls.count++;
        return items.length;
      },
    };
  };

  it('counts nothing when the page comes back short', async () => {
    const s = source(list(23));
    const { rows, page } = await fetchNumberedPage(3, 10, s.fetch, s.count);
    expect(rows).toEqual([21, 22, 23]);
    expect(page).toMatchObject({ page: 3, total: 23, pageCount: 3, first: 21, last: 23 });
    expect(s.calls).toEqual({ fetch: [20], count: 0 });
    const empty = source([]);
    expect((await fetchNumberedPage(1, 10, empty.fetch, empty.count)).page).toMatchObject({ total: 0, first: 0, last: 0 });
    expect(empty.calls.count).toBe(0);
  });

  it('counts a full page, and pulls a page past the end back to the last one', async () => {
    const full = source(list(25));
    expect((await fetchNumberedPage(2, 10, full.fetch, full.count)).page).toMatchObject({ page: 2, total: 25, pageCount: 3 });
    expect(full.calls.count).toBe(1);
    const past = source(list(25));
    const { rows, page } = await fetchNumberedPage(9, 10, past.fetch, past.count);
    expect(page).toMatchObject({ page: 3, total: 25 });
    expect(rows).toEqual([21, 22, 23, 24, 25]);
    expect(past.calls.fetch).toEqual([80, 20]);
  });
});
