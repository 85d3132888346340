import { describe, expect, it } from 'vitest';
import { maySignIn } from '@/lib/members/policy';
import { type ArrivalFacts, arrivals, fixForReason, fixForState, sectionHref } from '@/lib/organizations/fixes';
import { ORGANIZATION_STATES, type StateReason } from '@/lib/organizations/state';

const EVERY_REASON: StateReason[] = [
  { code: 'suspended' },
  { code: 'invitation_bounced', email: 'a@x.test', detail: null },
  { code: 'invitation_delivery_failed', email: 'b@x.test', detail: 'timeout' },
  { code: 'invitations_all_expired', count: 2 },
  { code: 'no_active_members', memberCount: 1 },
  { code: 'domain_unverified', domain: 'acme.com', status: 'pending', dependents: ['auto_join'] },
  { code: 'sso_error' },
  { code: 'sso_certificate_expired', expiredAt: '2026-01-01T00:00:00.000Z' },
  { code: 'sso_certificate_expiring', expiresAt: '2026-01-01T00:00:00.000Z' },
  { code: 'directory_error' },
  { code: 'directory_stale', lastRequestAt: '2026-01-01T00:00:00.000Z', hours: 72 },
  { code: 'activity_stopped', lastActivityAt: '2026-01-01T00:00:00.000Z', windowDays: 30 },
];

describe('fixes', () => {
  it('every reason has an action that fixes it, or a link straight to the fix', () => {
    for (const reason of EVERY_REASON) expect(fixForReason(reason).label.length).toBeGreaterThan(3);
    expect(fixForReason({ code: 'suspended' })).toEqual({ kind: 'reactivate_organization', label: 'Reactivate' });
    expect(fixForReason(EVERY_REASON[1]!)).toEqual({ kind: 'reinvite', label: 'Fix the address and re-invite', email: 'a@x.test' });
    expect(fixForReason(EVERY_REASON[3]!)).toEqual({ kind: 'resend_expired', label: 'Resend all 2' });
    expect(fixForReason({ code: 'invitations_all_expired', count: 1 }).label).toBe('Resend');
    expect(fixForReason(EVERY_REASON[5]!)).toEqual({ kind: 'verify_domain', label: 'Verify now', domain: 'acme.com' });
  });

  it('states without a reason: Setup, Pending and Ready have a next step; Active has none', () => {
    expect(ORGANIZATION_STATES.map((state) => fixForState(state)?.label ?? null)).toEqual([
      'Invite the first member',
      'Check invitation delivery',
      'How first end users arrive',
      null,
      null,
    ]);
    expect(sectionHref('acme', '', 'arrivals')).toBe('/organizations/acme#arrivals');
    expect(sectionHref('acme', 'invitations')).toBe('/organizations/acme/invitations');
  });
});

describe('how first end users arrive', () => {
  const none: ArrivalFacts = {
    autoJoinEnabled: false,
    autoJoinRoleName: 'Member',
    verifiedDomains: [],
    ssoConnections: [],
    directoryStatus: null,
    lastEndUserActivityAt: null,
  };
  it('marks nothing set up for a new organization, and says what auto-join needs first', () => {
    const ways = arrivals(none);
    expect(ways.map((w) => [w.key, w.setUp])).toEqual([
      ['auto_join', false],
      ['sso', false],
      ['directory', false],
      ['app_activity', false],
    ]);
    expect(ways[0]!.detail).toContain('Needs a verified domain first');
  });
  it('marks auto-join on a verified domain, an active SSO connection, and reported activity', () => {
    const ways = arrivals({
      ...none,
      autoJoinEnabled: true,
      verifiedDomains: ['acme.com'],
      ssoConnections: [{ enabled: true, status: 'active' }],
      lastEndUserActivityAt: new Date(),
    });
    expect(ways.filter((w) => w.setUp).map((w) => w.key)).toEqual(['auto_join', 'sso', 'app_activity']);
    expect(ways[0]!.detail).toBe('People who sign in with an address at acme.com join as Member.');
    expect(ways[0]!.fix).toBeNull();
  });
  it('an SSO connection is a way in only while it is enabled and active', () => {
    const sso = (connections: ArrivalFacts['ssoConnections']) => arrivals({ ...none, ssoConnections: connections })[1]!.setUp;
    expect(sso([{ enabled: false, status: 'active' }])).toBe(false);
    expect(
      sso([
        { enabled: true, status: 'error' },
        { enabled: true, status: 'draft' },
      ]),
    ).toBe(false);
    expect(
      sso([
        { enabled: true, status: 'error' },
        { enabled: true, status: 'active' },
      ]),
    ).toBe(true);
  });
  it('auto-join switched on without a verified domain is not set up', () => {
    expect(arrivals({ ...none, autoJoinEnabled: true })[0]!.setUp).toBe(false);
  });
});

describe('may a member sign in', () => {
  it('yes with no organization or one active membership; no when every membership is suspended', () => {
    expect(maySignIn([])).toBe(true);
    expect(maySignIn(['suspended', 'active'])).toBe(true);
    expect(maySignIn(['suspended'])).toBe(false);
    expect(maySignIn(['suspended', 'suspended'])).toBe(false);
  });
});
