import { describe, expect, it } from 'vitest';
import { isBuilderEmail, parseBuilderList } from '@/lib/auth/builders';
import { parseEmailAddress } from '@/lib/email/address';

describe('parseEmailAddress', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  bob.smith+tag@sub.example.co.uk ', 'bob.smith+tag@sub.example.co.uk'],
    ["o'neil@example.com", "o'neil@example.com"],
    ['user@bücher.example', 'user@xn--bcher-kva.example'],
    ['user@XN--BCHER-KVA.example', 'user@xn--bcher-kva.example'],
    ['user@example.com.', 'user@example.com'],
  ])('accepts %j as %j', (input, address) => {
    expect(parseEmailAddress(input)).toEqual({ ok: true, address });
  });

  it.each([
    ['', 'Enter an email address.'],
    ['"a@evil.com x"@corp.com', 'An email address can’t contain spaces.'],
    ['"a"@corp.com', 'Quoted addresses aren’t accepted.'],
    ['user@corp.com(x)evil.com', 'Addresses with comments in parentheses aren’t accepted.'],
    ['user＠corp.com', 'Use a plain @ sign, not a full-width one.'],
    ['a@x.com, b@y.com', 'Enter one address only, not a list.'],
    ['a@x.com;b@y.com', 'Enter one address only, not a list.'],
    ['a@x.com\r\nBcc: b@y.com', 'An email address can’t contain line breaks.'],
    ['a@x.com\nb', 'An email address can’t contain line breaks.'],
    ['user@[127.0.0.1]', 'IP-address domains aren’t accepted.'],
    ['user@127.0.0.1', 'IP-address domains aren’t accepted.'],
    ['Alice <alice@x.com>', 'An email address can’t contain spaces.'],
    ['<alice@x.com>', 'Enter just the address, without a name or angle brackets.'],
    ['a@b@c.com', 'An email address has exactly one @.'],
    ['nobody', 'An email address needs an @ and a domain.'],
    ['@x.com', 'Add the part before the @.'],
    ['a@', 'Add a domain after the @.'],
    ['a@localhost', 'The domain needs a dot, like example.com.'],
    ['.a@x.com', 'Dots can’t start, end or repeat in the part before the @.'],
    ['a..b@x.com', 'Dots can’t start, end or repeat in the part before the @.'],
    ['a@-x.com', 'The domain isn’t valid.'],
    ['user@xn--zz.test', 'The domain isn’t valid.'],
    ['user@sub.xn--a.test', 'The domain isn’t valid.'],
    [`${'a'.repeat(65)}@x.com`, 'The part before the @ is too long.'],
  ])('rejects %j', (input, reason) => {
    expect(parseEmailAddress(input)).toEqual({ ok: false, reason });
  });
});

describe('builder list', () => {
  const parsed = parseBuilderList('Ann@Corp.com, @builders.example ,');
  if (!parsed.ok) throw new Error('list should parse');
  const list = parsed.list;

  it.each([
    ['ann@corp.com', true],
    ['ANN@corp.com', true],
    ['bob@corp.com', false],
    ['x@builders.example', true],
    ['x@eu.builders.example', false],
    ['x@builders.example.evil.io', false],
    ['x@notbuilders.example', false],
    [null, false],
    ['not an address', false],
  ])('%s -> %s', (email, expected) => {
    expect(isBuilderEmail(email, list)).toBe(expected);
  });

  it('rejects a bad entry, naming it', () => {
    expect(parseBuilderList('ok@x.com, nope')).toEqual({ ok: false, entry: 'nope' });
    expect(parseBuilderList('@')).toEqual({ ok: false, entry: '@' });
  });
});
