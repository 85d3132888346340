import { describe, expect, it } from 'vitest';
import { consumerDomainCheck } from '@/lib/domains/consumer';
import { domainMatches } from '@/lib/domains/match';
import { splitAddressInput } from '@/lib/invitations/parse';
import { canResend, canRevoke, classifyDeliveryError, describeExpiry, invitationExpiresAt, retryDelayMs } from '@/lib/invitations/policy';
import { reviewAddresses, sendableAddresses } from '@/lib/invitations/review';
import { deriveInvitationToken, hashesEqual, hashToken, looksLikeToken, newTokenNonce } from '@/lib/invitations/tokens';

const NOW = new Date('2026-06-15T12:00:00.000Z');

describe('splitAddressInput', () => {
  it.each([
    ['a@x.com', ['a@x.com']],
    ['a@x.com, b@y.com;c@z.com\n\nd@w.com\r\n', ['a@x.com', 'b@y.com', 'c@z.com', 'd@w.com']],
    ['name,email,team\nAnn,ann@x.com,ops\n"Bob, Jr.",bob@y.com,sales\n', ['ann@x.com', 'bob@y.com']],
    ['Email\nann@x.com\n', ['Email', 'ann@x.com']],
    ['E-mail,Name\nann@x.com,Ann', ['ann@x.com']],
  ])('%j', (input, expected) => {
    expect(splitAddressInput(input)).toEqual(expected);
  });
});

describe('reviewAddresses', () => {
  const context = {
    memberEmails: new Set(['member@acme.com']),
    pendingEmails: new Set(['pending@acme.com']),
    verifiedDomains: [{ name: 'acme.com' }],
    isConsumerDomain: (d: string) => d === 'gmail.com',
  };
  it('marks each address once, in order', () => {
    const rows = reviewAddresses(
      ['Ann@ACME.com', 'ann@acme.com', 'member@acme.com', 'pending@acme.com', 'x@notacme.com', 'y@gmail.com', 'bad', 'a@acme.com.evil.io'],
      context,
    );
    expect(rows.map((r) => [r.address, r.status, r.warnings])).toEqual([
      ['ann@acme.com', 'ready', []],
      ['ann@acme.com', 'duplicate', []],
      ['member@acme.com', 'member', []],
      ['pending@acme.com', 'pending', []],
      ['x@notacme.com', 'ready', ['outside_verified_domains']],
      ['y@gmail.com', 'ready', ['outside_verified_domains', 'consumer_domain']],
      [null, 'invalid', []],
      ['a@acme.com.evil.io', 'ready', ['outside_verified_domains']],
    ]);
    expect(sendableAddresses(rows, new Set(['y@gmail.com']))).toEqual(['ann@acme.com', 'y@gmail.com']);
  });
  it('warns about verified domains only when the organization has some', () => {
    const rows = reviewAddresses(['x@anywhere.org'], { ...context, verifiedDomains: [] });
    expect(rows[0]!.warnings).toEqual([]);
  });
});

describe('domainMatches (whole labels, A-labels)', () => {
  it.each([
    ['acme.com', 'acme.com', false, true],
    ['ACME.com.', 'acme.com', false, true],
    ['notacme.com', 'acme.com', true, false],
    ['acme.com.evil.io', 'acme.com', true, false],
    ['eu.acme.com', 'acme.com', false, false],
    ['eu.acme.com', 'acme.com', true, true],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', false, true],
  ])('%s in %s (subdomains %s) -> %s', (address, domain, subdomains, expected) => {
    expect(domainMatches(address, domain, subdomains)).toBe(expected);
  });
});

describe('consumer mail domains', () => {
  it('loads the list once, on first use, and shares it', async () => {
    const [first, second] = await Promise.all([consumerDomainCheck(), consumerDomainCheck()]);
    expect(first('gmail.com')).toBe(true);
    expect(second('gmail.com')).toBe(true);
  });

  it.each([
    ['gmail.com', true],
    ['outlook.com', true],
    ['GMX.de', true],
    ['acme.com', false],
    ['example.com', false],
    ['corp.test', false],
  ])('%s -> %s', async (domain, expected) => {
    expect((await consumerDomainCheck())(domain)).toBe(expected);
  });
});

describe('invitation policy', () => {
  it('expiry, resend and revoke rules', () => {
    expect(invitationExpiresAt(NOW, 7)).toEqual(new Date('2026-06-22T12:00:00.000Z'));
    expect(['pending', 'expired', 'accepted', 'revoked'].filter((s) => canResend(s as never))).toEqual(['pending', 'expired']);
    expect(['pending', 'expired', 'accepted', 'revoked'].filter((s) => canRevoke(s as never))).toEqual(['pending']);
  });
  it.each([
    [new Date('2026-06-18T12:00:00Z'), 'expires in 3 days'],
    [new Date('2026-06-15T17:00:00Z'), 'expires in 5 hours'],
    [new Date('2026-06-15T12:01:00Z'), 'expires in 1 minute'],
    [new Date('2026-06-13T12:00:00Z'), 'expired 2 days ago'],
  ])('describeExpiry(%s)', (at, words) => {
    expect(describeExpiry(at, NOW)).toBe(words);
  });
  it('backs off 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((a) => retryDelayMs(a) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });
  it('classifies SMTP errors in plain words', () => {
    expect(
      classifyDeliveryError({
        responseCode: 550,
        message: "Can't send mail - all recipients were rejected: 550 5.1.1 mailbox unavailable",
      }),
    ).toMatchObject({ kind: 'permanent' });
    expect(classifyDeliveryError({ responseCode: 451 })).toMatchObject({ kind: 'transient' });
    expect(classifyDeliveryError({ code: 'ECONNREFUSED' })).toEqual({
      kind: 'transient',
      words: 'Could not connect to the SMTP server. Check SMTP_URL and that the server is running.',
    });
  });
});

describe('invitation tokens', () => {
  it('are 256-bit, depend on the secret, the invitation and the nonce, and only their hash is kept', () => {
    const nonce = newTokenNonce();
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
    const token = deriveInvitationToken('secret', 'id-1', nonce);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeToken(token)).toBe(true);
    expect(deriveInvitationToken('secret', 'id-1', nonce)).toBe(token);
    expect(deriveInvitationToken('other', 'id-1', nonce)).not.toBe(token);
    expect(deriveInvitationToken('secret', 'id-2', nonce)).not.toBe(token);
    expect(deriveInvitationToken('secret', 'id-1', newTokenNonce())).not.toBe(token);
    expect(hashesEqual(hashToken(token), hashToken(token))).toBe(true);
    expect(hashesEqual(hashToken(token), hashToken(`${token}x`))).toBe(false);
    expect(hashesEqual('', '')).toBe(false);
  });
});
