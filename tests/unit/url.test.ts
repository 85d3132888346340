import { describe, expect, it } from 'vitest';
import { hasMalformedEncoding } from '@/lib/http/url';

describe('hasMalformedEncoding', () => {
  it.each([
    ['/organizations/acme', false],
    ['/organizations/caf%C3%A9?q=a%20b&filter=all', false],
    ['/search?q=a+b', false],
    ['/organizations/%E0%A4%A', true],
    ['/organizations/%zz', true],
    ['/organizations?q=%', true],
    ['/x?q=%C3', true],
  ])('%s: %s', (target, malformed) => {
    expect(hasMalformedEncoding(target)).toBe(malformed);
  });
});
