import { describe, expect, it } from 'vitest';
import { consumerDomainCheck } from '@/lib/domains/consumer';
import { dnsServersFromEnv } from '@/lib/domains/dns';
import { normalizeDomainInput, verificationRecord } from '@/lib/domains/normalize';
import { evaluateTxtAnswer, hasPendingExpired, nextPendingCheck, type TxtAnswer } from '@/lib/domains/verification';

// The real list, as addDomain loads it.
const isConsumerDomain = await consumerDomainCheck();

describe('normalizeDomainInput', () => {
  it.each([
    [' Acme.COM ', 'acme.com', 'acme.com'],
    ['acme.com.', 'acme.com', 'acme.com'],
    ['Bücher.Example', 'xn--bcher-kva.example', 'bücher.example'],
    ['münchen.de', 'xn--mnchen-3ya.de', 'münchen.de'],
    ['eu.acme.co.uk', 'eu.acme.co.uk', 'eu.acme.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', 'bücher.example'],
  ])('%j -> %s (%s)', (input, name, displayName) => {
    expect(normalizeDomainInput(input, isConsumerDomain)).toEqual({ ok: true, name, displayName });
  });

  it.each([
    ['', 'Enter a domain, like acme.com.'],
    ['acme', 'Enter a full domain with a dot, like acme.com, not a single name.'],
    ['192.168.1.10', 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.'],
    ['[::1]', 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.'],
    ['2001:db8::1', 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.'],
    ['co.uk', 'co.uk is a public suffix shared by many owners (like co.uk or github.io). Enter your own domain under it.'],
    ['github.io', 'github.io is a public suffix shared by many owners (like co.uk or github.io). Enter your own domain under it.'],
    ['outlook.com', 'outlook.com is a consumer mail domain: anyone can get an address there. Use the organization’s own domain.'],
    ['acme .com', 'A domain has no spaces.'],
    ['-acme.com', 'That isn’t a valid domain name.'],
    ['acme..com', 'That isn’t a valid domain name.'],
    ['xn--zz.test', 'That isn’t a valid domain name.'],
    ['acme.com:443', 'A domain has no port: leave out the colon and the number after it.'],
  ])('refuses %j', (input, reason) => {
    expect(normalizeDomainInput(input, isConsumerDomain)).toMatchObject({ ok: false, reason });
  });

  it('offers to keep just the domain of a pasted URL or email', () => {
    expect(normalizeDomainInput('https://Acme.com/login?x=1', isConsumerDomain)).toEqual({
      ok: false,
      reason: 'That is a web address, not a domain.',
      suggestion: 'acme.com',
    });
    expect(normalizeDomainInput('it@Acme.com', isConsumerDomain)).toEqual({
      ok: false,
      reason: 'That is an email address, not a domain.',
      suggestion: 'acme.com',
    });
    expect(normalizeDomainInput('it@gmail.com', isConsumerDomain)).toEqual({
      ok: false,
      reason: 'That is an email address, not a domain.',
      suggestion: undefined,
    });
  });

  it('builds the exact record to create', () => {
    expect(verificationRecord('acme.com', 'tok')).toEqual({ name: '_orgdesk-verification.acme.com', value: 'orgdesk-verification=tok' });
  });
});

describe('evaluateTxtAnswer', () => {
  const expected = 'orgdesk-verification=tok';
  it.each<[TxtAnswer, string]>([
    [{ kind: 'records', values: ['v=spf1 -all', expected] }, 'match'],
    [{ kind: 'records', values: ['orgdesk-verification=other'] }, 'wrong_value'],
    [{ kind: 'records', values: [`${expected} `] }, 'wrong_value'],
    [{ kind: 'nxdomain' }, 'absent'],
    [{ kind: 'nodata' }, 'absent'],
    [{ kind: 'temporary', reason: 'x' }, 'temporary'],
  ])('%j -> %s', (answer, kind) => {
    expect(evaluateTxtAnswer(answer, expected).kind).toBe(kind);
  });
});

describe('verification timing', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('fails pending domains at exactly 7 days', () => {
    expect(hasPendingExpired(new Date('2026-05-25T00:00:01Z'), now)).toBe(false);
    expect(hasPendingExpired(new Date('2026-05-25T00:00:00Z'), now)).toBe(true);
  });
  it('backs off pending checks 5, 10, 20 minutes … capped at 6 hours', () => {
    expect([1, 2, 3, 10].map((n) => (nextPendingCheck(now, n).getTime() - now.getTime()) / 60_000)).toEqual([5, 10, 20, 360]);
  });
  it('reads DNS_SERVERS', () => {
    expect(dnsServersFromEnv(' 127.0.0.1:5353, 10.0.0.2 ')).toEqual(['127.0.0.1:5353', '10.0.0.2']);
    expect(dnsServersFromEnv('')).toEqual([]);
  });
});
