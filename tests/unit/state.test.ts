import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_WINDOW_MS,
  countPendingInvitations,
  deriveOrganizationState,
  effectiveInvitationStatus,
  emptyOrganizationFacts,
  type InvitationFact,
  nextStateChangeAt,
  type OrganizationFacts,
} from '@/lib/organizations/state';
import { describeStateReason } from '@/lib/organizations/state-labels';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

function facts(overrides: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return { ...emptyOrganizationFacts(), ...overrides };
}

function invitation(overrides: Partial<InvitationFact> = {}): InvitationFact {
  return { email: 'a@acme.com', status: 'pending', expiresAt: at(3 * DAY), deliveryStatus: 'sent', ...overrides };
}

const team = { memberCount: 2, activeMemberCount: 2 };

describe('deriveOrganizationState: each rule', () => {
  const cases: [string, Partial<OrganizationFacts>, string, string[]][] = [
    ['no members and no invitations is Setup', {}, 'setup', []],
    ['only revoked or accepted-elsewhere history is Setup', { acceptedInvitationCount: 0 }, 'setup', []],
    ['an unexpired pending invitation is Pending', { openInvitations: [invitation()] }, 'pending', []],
    ['an active member is Ready', team, 'ready', []],
    ['recent end-user activity is Active', { ...team, lastEndUserActivityAt: at(-DAY) }, 'active', []],
    ['suspended is Needs attention', { status: 'suspended' }, 'needs_attention', ['suspended']],
    [
      'a failed delivery of a pending invitation',
      { openInvitations: [invitation({ deliveryStatus: 'failed', deliveryError: 'connection refused' })] },
      'needs_attention',
      ['invitation_delivery_failed'],
    ],
    ['a bounced invitation', { openInvitations: [invitation({ deliveryStatus: 'bounced' })] }, 'needs_attention', ['invitation_bounced']],
    [
      'every invitation expired unused with no member',
      { openInvitations: [invitation({ expiresAt: at(-DAY) }), invitation({ status: 'expired', expiresAt: at(-2 * DAY) })] },
      'needs_attention',
      ['invitations_all_expired'],
    ],
    ['members exist but none is active', { memberCount: 2, activeMemberCount: 0 }, 'needs_attention', ['no_active_members']],
    [
      'a pending domain that auto-join depends on',
      { ...team, domains: [{ name: 'acme.com', status: 'pending', dependents: ['auto_join'] }] },
      'needs_attention',
      ['domain_unverified'],
    ],
    [
      'a failed domain that SSO depends on',
      { ...team, domains: [{ name: 'acme.com', status: 'failed', dependents: ['sso'] }] },
      'needs_attention',
      ['domain_unverified'],
    ],
    ['an SSO connection in error', { ...team, ssoConnections: [{ status: 'error' }] }, 'needs_attention', ['sso_error']],
    [
      'an expired SSO certificate',
      { ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: at(-DAY) }] },
      'needs_attention',
      ['sso_certificate_expired'],
    ],
    ['a directory in error', { ...team, directory: { status: 'error' } }, 'needs_attention', ['directory_error']],
    ['activity that stopped', { ...team, lastEndUserActivityAt: at(-31 * DAY) }, 'needs_attention', ['activity_stopped']],
  ];
  it.each(cases)('%s', (_name, input, state, codes) => {
    const derived = deriveOrganizationState(facts(input), NOW);
    expect(derived.state).toBe(state);
    expect(derived.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('an unverified domain nothing depends on is not a blocker', () => {
    expect(deriveOrganizationState(facts({ ...team, domains: [{ name: 'x.com', status: 'pending', dependents: [] }] }), NOW).state).toBe(
      'ready',
    );
  });

  it('a verified domain that auto-join depends on is fine', () => {
    const derived = deriveOrganizationState(
      facts({ ...team, domains: [{ name: 'acme.com', status: 'verified', dependents: ['auto_join', 'sso'] }] }),
      NOW,
    );
    expect(derived.state).toBe('ready');
  });

  it('draft SSO and directory connections are not blockers', () => {
    expect(
      deriveOrganizationState(facts({ ...team, ssoConnections: [{ status: 'draft' }], directory: { status: 'draft' } }), NOW).state,
    ).toBe('ready');
  });

  it('a failed delivery on an expired invitation no longer blocks; the expiry rule takes over', () => {
    const derived = deriveOrganizationState(
      facts({ openInvitations: [invitation({ expiresAt: at(-DAY), deliveryStatus: 'failed' })] }),
      NOW,
    );
    expect(derived.reasons.map((r) => r.code)).toEqual(['invitations_all_expired']);
  });

  it('an expired invitation is no blocker when an accepted one brought a member', () => {
    const derived = deriveOrganizationState(
      facts({ ...team, acceptedInvitationCount: 1, openInvitations: [invitation({ expiresAt: at(-DAY) })] }),
      NOW,
    );
    expect(derived.state).toBe('ready');
  });

  it('reasons name the address, the domain and what depends on it', () => {
    const derived = deriveOrganizationState(
      facts({
        ...team,
        openInvitations: [invitation({ email: 'ops@globex.com', deliveryStatus: 'bounced', deliveryError: '550 no such user' })],
        domains: [{ name: 'globex.com', status: 'pending', dependents: ['auto_join', 'sso', 'directory'] }],
      }),
      NOW,
    );
    expect(derived.reasons).toEqual([
      { code: 'invitation_bounced', email: 'ops@globex.com', detail: '550 no such user' },
      { code: 'domain_unverified', domain: 'globex.com', status: 'pending', dependents: ['auto_join', 'sso', 'directory'] },
    ]);
    expect(derived.reasons.map(describeStateReason)).toEqual([
      'The invitation email to ops@globex.com bounced (550 no such user).',
      'The domain globex.com is not verified, and auto-join, SSO and directory sync depends on it.',
    ]);
  });

  it('lists reasons in a stable order, whatever order the facts arrive in', () => {
    const a = invitation({ email: 'a@x.com', deliveryStatus: 'failed' });
    const b = invitation({ email: 'b@x.com', deliveryStatus: 'bounced' });
    const d1 = { name: 'a.example', status: 'pending' as const, dependents: ['sso'] };
    const d2 = { name: 'b.example', status: 'failed' as const, dependents: ['sso'] };
    const one = deriveOrganizationState(facts({ ...team, openInvitations: [a, b], domains: [d1, d2] }), NOW);
    const other = deriveOrganizationState(facts({ ...team, openInvitations: [b, a], domains: [d2, d1] }), NOW);
    expect(other.reasons).toEqual(one.reasons);
  });

  it('collects every blocker, in rule order', () => {
    const derived = deriveOrganizationState(
      facts({
        status: 'suspended',
        memberCount: 1,
        activeMemberCount: 0,
        ssoConnections: [{ status: 'error' }],
        directory: { status: 'error' },
      }),
      NOW,
    );
    expect(derived.reasons.map((r) => r.code)).toEqual(['suspended', 'no_active_members', 'sso_error', 'directory_error']);
  });
});

describe('deriveOrganizationState: precedence between rules', () => {
  const pending = { openInvitations: [invitation()] };
  const recent = { lastEndUserActivityAt: at(-DAY) };
  const cases: [string, Partial<OrganizationFacts>, string][] = [
    ['Needs attention beats Active', { ...team, ...recent, status: 'suspended' }, 'needs_attention'],
    ['Needs attention beats Ready', { ...team, ssoConnections: [{ status: 'error' }] }, 'needs_attention'],
    ['Needs attention beats Pending', { openInvitations: [invitation(), invitation({ deliveryStatus: 'failed' })] }, 'needs_attention'],
    ['Needs attention beats Setup', { status: 'suspended' }, 'needs_attention'],
    ['Active beats Ready', { ...team, ...recent }, 'active'],
    ['Active beats Pending', { ...team, ...pending, ...recent }, 'active'],
    ['Active with recent activity and no members at all', { ...recent }, 'active'],
    ['Ready beats Pending', { ...team, ...pending }, 'ready'],
    ['Pending beats Setup', { ...pending }, 'pending'],
    [
      'Pending with one unexpired and one expired invitation',
      { openInvitations: [invitation(), invitation({ expiresAt: at(-DAY) })] },
      'pending',
    ],
  ];
  it.each(cases)('%s', (_name, input, state) => {
    expect(deriveOrganizationState(facts(input), NOW).state).toBe(state);
  });
});

describe('time boundaries', () => {
  it('activity exactly one window ago has stopped; a millisecond later it is recent', () => {
    expect(deriveOrganizationState(facts({ ...team, lastEndUserActivityAt: at(-ACTIVITY_WINDOW_MS) }), NOW).state).toBe('needs_attention');
    expect(deriveOrganizationState(facts({ ...team, lastEndUserActivityAt: at(-ACTIVITY_WINDOW_MS + 1) }), NOW).state).toBe('active');
  });

  it('an invitation expiring exactly now is expired; a millisecond later it is pending', () => {
    expect(effectiveInvitationStatus(invitation({ expiresAt: NOW }), NOW)).toBe('expired');
    expect(deriveOrganizationState(facts({ openInvitations: [invitation({ expiresAt: NOW })] }), NOW).state).toBe('needs_attention');
    expect(deriveOrganizationState(facts({ openInvitations: [invitation({ expiresAt: at(1) })] }), NOW).state).toBe('pending');
  });

  it('a certificate expiring exactly now has expired; within 14 days it is expiring; a millisecond further it is fine', () => {
    const derived = deriveOrganizationState(facts({ ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: NOW }] }), NOW);
    expect(derived.reasons.map((r) => r.code)).toEqual(['sso_certificate_expired']);
    expect(
      deriveOrganizationState(facts({ ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: at(1) }] }), NOW).reasons,
    ).toEqual([{ code: 'sso_certificate_expiring', expiresAt: at(1).toISOString() }]);
    const edge = deriveOrganizationState(
      facts({ ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: at(14 * DAY) }] }),
      NOW,
    );
    expect(edge.reasons.map((r) => r.code)).toEqual(['sso_certificate_expiring']);
    expect(
      deriveOrganizationState(facts({ ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: at(14 * DAY + 1) }] }), NOW)
        .state,
    ).toBe('ready');
    // The state changes by itself when the certificate comes within 14 days.
    expect(nextStateChangeAt(facts({ ...team, ssoConnections: [{ status: 'active', certificateExpiresAt: at(20 * DAY) }] }), NOW)).toEqual(
      at(6 * DAY),
    );
  });

  it('a directory that has synced and then is silent past its limit needs attention, at that moment; a new one never does', () => {
    const HOUR = 3_600_000;
    const silent = (lastRequestAt: Date | null) => facts({ ...team, directory: { status: 'active', lastRequestAt, staleAfterHours: 24 } });
    expect(deriveOrganizationState(silent(at(-24 * HOUR)), NOW).reasons).toEqual([
      { code: 'directory_stale', lastRequestAt: at(-24 * HOUR).toISOString(), hours: 24 },
    ]);
    expect(deriveOrganizationState(silent(at(-24 * HOUR + 1)), NOW).state).toBe('ready');
    expect(nextStateChangeAt(silent(at(-HOUR)), NOW)).toEqual(at(23 * HOUR));
    expect(
      deriveOrganizationState(facts({ ...team, directory: { status: 'draft', lastRequestAt: null, staleAfterHours: 24 } }), NOW).state,
    ).toBe('ready');
    expect(
      deriveOrganizationState(facts({ ...team, directory: { status: 'error', lastRequestAt: NOW, staleAfterHours: 24 } }), NOW).reasons,
    ).toEqual([{ code: 'directory_error' }]);
    expect(describeStateReason({ code: 'directory_stale', lastRequestAt: NOW.toISOString(), hours: 24 })).toContain('24 hours');
  });

  it('with several SSO connections, one in error or expired is enough, named once, with the earliest expiry', () => {
    const derived = deriveOrganizationState(
      facts({
        ...team,
        ssoConnections: [
          { status: 'active', certificateExpiresAt: at(-DAY) },
          { status: 'error', certificateExpiresAt: at(-2 * DAY) },
          { status: 'active', certificateExpiresAt: at(DAY) },
        ],
      }),
      NOW,
    );
    expect(derived.reasons).toEqual([
      { code: 'sso_error' },
      { code: 'sso_certificate_expired', expiredAt: at(-2 * DAY).toISOString() },
      { code: 'sso_certificate_expiring', expiresAt: at(DAY).toISOString() },
    ]);
    // The next change is the soonest certificate still ahead.
    const later = facts({
      ...team,
      ssoConnections: [
        { status: 'active', certificateExpiresAt: at(9 * DAY) },
        { status: 'active', certificateExpiresAt: at(3 * DAY) },
      ],
    });
    expect(nextStateChangeAt(later, NOW)).toEqual(at(3 * DAY));
  });

  it('counts only unexpired pending invitations', () => {
    const input = facts({
      openInvitations: [
        invitation(),
        invitation({ expiresAt: NOW }),
        invitation({ status: 'expired' }),
        invitation({ expiresAt: at(DAY) }),
      ],
    });
    expect(countPendingInvitations(input, NOW)).toBe(2);
  });
});

describe('nextStateChangeAt', () => {
  it('is null when nothing changes with time', () => {
    expect(nextStateChangeAt(facts(team), NOW)).toBeNull();
  });

  it('is the earliest of invitation expiry, activity window end and certificate expiry', () => {
    const input = facts({
      ...team,
      openInvitations: [
        invitation({ expiresAt: at(5 * DAY) }),
        invitation({ expiresAt: at(2 * DAY) }),
        invitation({ expiresAt: at(-DAY) }),
      ],
      lastEndUserActivityAt: at(-29 * DAY),
      ssoConnections: [{ status: 'active', certificateExpiresAt: at(10 * DAY) }],
    });
    expect(nextStateChangeAt(input, NOW)).toEqual(at(DAY));
  });

  it('the state derived just before the change differs from the state at the change', () => {
    const input = facts({ openInvitations: [invitation({ expiresAt: at(DAY) })] });
    const change = nextStateChangeAt(input, NOW)!;
    expect(deriveOrganizationState(input, new Date(change.getTime() - 1)).state).toBe('pending');
    expect(deriveOrganizationState(input, change).state).toBe('needs_attention');
  });
});

describe('state reasons in words', () => {
  it.each([
    [{ code: 'suspended' }, 'The organization is suspended.'],
    [{ code: 'invitation_delivery_failed', email: 'a@x.com', detail: null }, 'The invitation email to a@x.com could not be delivered.'],
    [{ code: 'invitations_all_expired', count: 1 }, 'The only invitation expired unused, and the organization has no members.'],
    [{ code: 'invitations_all_expired', count: 3 }, 'All 3 invitations expired unused, and the organization has no members.'],
    [{ code: 'no_active_members', memberCount: 2 }, 'The organization has 2 members, but none is active.'],
    [
      { code: 'domain_unverified', domain: 'x.com', status: 'failed', dependents: ['sso'] },
      'The domain x.com failed verification, and SSO depends on it.',
    ],
    [
      { code: 'sso_certificate_expired', expiredAt: '2026-06-14T08:00:00.000Z' },
      'The SSO connection’s certificate expired on Jun 14, 2026.',
    ],
    [
      { code: 'sso_certificate_expiring', expiresAt: '2026-06-14T08:00:00.000Z' },
      'The SSO connection’s certificate expires on Jun 14, 2026, within 14 days: add the identity provider’s new certificate.',
    ],
    [
      { code: 'activity_stopped', lastActivityAt: '2026-05-01T00:00:00.000Z', windowDays: 30 },
      'End-user activity has stopped: the last was on May 1, 2026, more than 30 days ago.',
    ],
  ] as const)('%j', (reason, words) => {
    expect(describeStateReason(reason as never)).toBe(words);
  });

  it('stored reasons hold codes and parameters, never sentences', () => {
    const derived = deriveOrganizationState(facts({ ...team, lastEndUserActivityAt: new Date(NOW.getTime() - 40 * DAY) }), NOW);
    expect(derived.reasons).toEqual([{ code: 'activity_stopped', lastActivityAt: '2026-05-06T12:00:00.000Z', windowDays: 30 }]);
    expect(JSON.parse(JSON.stringify(derived.reasons))).toEqual(derived.reasons);
  });
});
