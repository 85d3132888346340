import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from '@/lib/http/forwarded';

describe('resolveClientAddress', () => {
  it('with no proxies trusts only the socket, whatever the header says', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(resolveClientAddress(undefined, '198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('with one proxy takes the address that proxy appended, not what the client wrote before it', () => {
    // The client forged "1.1.1.1"; the proxy appended the client's real address.
    expect(resolveClientAddress('1.1.1.1, 203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
  });

  it('with two proxies steps one more hop to the left', () => {
    expect(resolveClientAddress('1.1.1.1, 203.0.113.9, 10.0.0.5', '10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('reads repeated headers as one chain', () => {
    expect(resolveClientAddress(['1.1.1.1', '203.0.113.9'], '10.0.0.2', 1)).toBe('203.0.113.9');
  });

  it('never reaches past the left end when the chain is shorter than the configured hops', () => {
    expect(resolveClientAddress(undefined, '10.0.0.2', 2)).toBe('10.0.0.2');
    expect(resolveClientAddress('203.0.113.9', '10.0.0.2', 3)).toBe('203.0.113.9');
  });

  it('normalizes IPv4-mapped IPv6, ports, brackets and case', () => {
    expect(resolveClientAddress(undefined, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(resolveClientAddress('203.0.113.9:51234', '10.0.0.2', 1)).toBe('203.0.113.9');
    expect(resolveClientAddress('[2001:DB8::1]:443', '10.0.0.2', 1)).toBe('2001:db8::1');
  });

  it('names an unknown socket rather than trusting the header', () => {
    expect(resolveClientAddress('203.0.113.9', undefined, 0)).toBe('unknown');
  });
});
