import { describe, expect, it } from 'vitest';
import { describePage, pageInfo, pageNumberSchema } from '@/lib/pagination';

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
