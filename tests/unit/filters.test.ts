import { describe, expect, it } from 'vitest';
import { confirmationLinkFromCallback, safeCallbackPath } from '@/lib/auth/links';
import { safeHeader } from '@/lib/email/headers';
import { formatCount } from '@/lib/format';
import { countByFilter, getFilter } from '@/lib/organizations/filters';

describe('filter chips', () => {
  it('groups states as the design says', () => {
    expect(countByFilter({ setup: 2, pending: 3, ready: 5, active: 7, needs_attention: 11 })).toEqual({
      'needs-action': 13,
      waiting: 3,
      ready: 5,
      live: 7,
      all: 28,
    });
  });
  it('falls back to All for an unknown chip', () => {
    expect(getFilter('bogus').id).toBe('all');
    expect(getFilter('waiting').states).toEqual(['pending']);
  });
});

describe('sign-in links', () => {
  it('point at the confirmation page on APP_URL, keeping token, email and callback', () => {
    const link = confirmationLinkFromCallback(
      'http://internal:3000/api/auth/callback/nodemailer?callbackUrl=%2Forganizations&token=abc&email=a%40b.com',
      'https://orgdesk.example.com',
    );
    expect(link).toBe('https://orgdesk.example.com/login/verify?token=abc&email=a%40b.com&callbackUrl=%2Forganizations');
  });
  it.each([
    ['/organizations/acme', '/organizations/acme'],
    ['https://orgdesk.example.com/organizations?q=a', '/organizations?q=a'],
    ['https://evil.example/phish', '/organizations'],
    ['//evil.example/x', '/organizations'],
    [undefined, '/organizations'],
  ])('follows only same-origin callbacks: %j', (value, expected) => {
    expect(safeCallbackPath(value, 'https://orgdesk.example.com')).toBe(expected);
  });
});

describe('safeHeader', () => {
  it('folds CR, LF and other controls', () => {
    expect(safeHeader('Welcome to Acme\r\nBcc: evil@x.com')).toBe('Welcome to Acme Bcc: evil@x.com');
  });
});

describe('what a chip covers, and a row’s next step', () => {
  it('names the states of each chip', async () => {
    const { describeFilterStates, ORGANIZATION_FILTERS } = await import('@/lib/organizations/filters');
    const { STATE_PRESENTATION } = await import('@/lib/organizations/state-labels');
    expect(ORGANIZATION_FILTERS.map((f) => describeFilterStates(f.states, STATE_PRESENTATION))).toEqual([
      'Setup and Needs attention',
      'Pending',
      'Ready for first end users',
      'Active',
      'every state',
    ]);
  });

  it('shows the most important reason, else the state’s action', async () => {
    const { nextStep } = await import('@/lib/organizations/state-labels');
    expect(nextStep('needs_attention', [{ code: 'suspended' }, { code: 'sso_error' }])).toBe('The organization is suspended.');
    expect(nextStep('setup', [])).toBe('Invite the first member.');
  });
});

describe('chip counts', () => {
  it('show exact counts plainly and lower bounds with a plus', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1000, true)).toBe('1,000+');
  });
});
