import { describe, expect, it } from 'vitest';
import {
  deriveLaunchChecks,
  emptyLaunchFacts,
  LAUNCH_CHECK_KEYS,
  type LaunchCheckKey,
  type LaunchFacts,
  newlyFailing,
  nextLaunchChangeAt,
  summarizeLaunch,
} from '@/lib/organizations/launch';

const now = new Date('2026-12-03T12:00:00Z');
const day = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(now.getTime() - days * day);
const ahead = (days: number) => new Date(now.getTime() + days * day);
const FINGERPRINT = 'template-v1';

/** An organization where every check passes. */
function ready(): LaunchFacts {
  return {
    state: 'active',
    fromDirectoryGroup: false,
    intendedMember: { email: 'ada@acme.example', via: 'invitation', joinedAt: ago(3), lastSignInAt: ago(2) },
    testInvitation: {
      email: 'builder@orgdesk.example',
      sentAt: ago(4),
      sentBy: 'builder@orgdesk.example',
      deliveryStatus: 'sent',
      deliveryError: null,
      fingerprint: FINGERPRINT,
    },
    autoJoinEnabled: true,
    domains: [{ name: 'acme.example', status: 'verified', dependents: ['auto_join', 'sso'], verifiedAt: ago(5) }],
    roleMappings: { count: 2, ownerWithoutAllowance: [], changedAt: ago(6), reviewedAt: ago(1) },
    ssoConnections: [{ name: 'Okta', configuredAt: ago(7), lastTestAt: ago(1), certificateExpiresAt: ahead(200) }],
    directory: { name: 'Okta directory', status: 'active', configuredAt: ago(7), lastRequestAt: ago(1), lastError: null },
  };
}

const check = (facts: LaunchFacts, key: LaunchCheckKey) => deriveLaunchChecks(facts, now, FINGERPRINT).find((c) => c.key === key)!;

describe('the launch check', () => {
  it('offers a setup link for what the customer’s IT admin can fix: domains, SSO and the directory, only when failing', () => {
    const facts = ready();
    const broken: LaunchFacts = {
      ...facts,
      domains: [{ ...facts.domains[0]!, status: 'pending', verifiedAt: null }],
      ssoConnections: [{ ...facts.ssoConnections[0]!, lastTestAt: null }],
      directory: { ...facts.directory!, lastRequestAt: null },
      testInvitation: null,
    };
    expect(check(broken, 'domains_verified')).toMatchObject({ status: 'failed', handOff: 'domains' });
    expect(check(broken, 'sso_tested')).toMatchObject({ status: 'failed', handOff: 'sso' });
    expect(check(broken, 'directory_tested')).toMatchObject({ status: 'failed', handOff: 'directory' });
    expect(check(broken, 'invitation_email').handOff).toBeUndefined();
    expect(check(facts, 'sso_tested').handOff).toBeUndefined();
  });

  it('passes every check of a ready organization, each with its evidence and when', () => {
    const checks = deriveLaunchChecks(ready(), now, FINGERPRINT);
    expect(checks.map((c) => c.key)).toEqual([...LAUNCH_CHECK_KEYS]);
    expect(checks.every((c) => c.status === 'passed')).toBe(true);
    expect(check(ready(), 'member_accepted')).toMatchObject({ detail: 'ada@acme.example accepted an invitation.', at: ago(3) });
    expect(check(ready(), 'login_confirmed')).toMatchObject({ detail: 'ada@acme.example signed in.', at: ago(2) });
    expect(check(ready(), 'invitation_email')).toMatchObject({ previewInvitation: true, at: ago(4) });
    expect(summarizeLaunch(checks)).toEqual({ passed: 8, applicable: 8, failing: [], ready: true });
  });

  it('an empty organization: four checks apply, and three fail with the fix', () => {
    const checks = deriveLaunchChecks(emptyLaunchFacts('setup'), now, FINGERPRINT);
    expect(summarizeLaunch(checks)).toEqual({
      passed: 1,
      applicable: 4,
      failing: ['member_accepted', 'login_confirmed', 'invitation_email'],
      ready: false,
    });
    expect(checks.find((c) => c.key === 'member_accepted')?.fix).toEqual({ section: 'invitations', label: 'Invite the operating team' });
    expect(checks.find((c) => c.key === 'sso_tested')).toMatchObject({
      status: 'not_applicable',
      detail: 'SSO is not enabled for this organization.',
    });
    expect(checks.find((c) => c.key === 'domains_verified')?.status).toBe('not_applicable');
    expect(checks.find((c) => c.key === 'role_mapping')?.status).toBe('not_applicable');
    expect(checks.find((c) => c.key === 'directory_tested')?.status).toBe('not_applicable');
  });

  it('login: fails until the member signs in after joining', () => {
    const facts = ready();
    facts.intendedMember = { ...facts.intendedMember!, lastSignInAt: null };
    expect(check(facts, 'login_confirmed')).toMatchObject({ status: 'failed', fix: { section: 'members' } });
    facts.intendedMember = { ...facts.intendedMember, lastSignInAt: ago(4) };
    expect(check(facts, 'login_confirmed').status).toBe('failed');
  });

  it('invitation email: fails when none was sent, when it bounced, before delivery, and after the template changed', () => {
    const facts = ready();
    expect(check({ ...facts, testInvitation: null }, 'invitation_email')).toMatchObject({
      status: 'failed',
      detail: 'No test invitation has been sent yet.',
    });
    const bounced = {
      ...facts,
      testInvitation: { ...facts.testInvitation!, deliveryStatus: 'bounced' as const, deliveryError: '550 no such user' },
    };
    expect(check(bounced, 'invitation_email').detail).toContain('bounced: 550 no such user');
    const queued = { ...facts, testInvitation: { ...facts.testInvitation!, deliveryStatus: 'queued' as const } };
    expect(check(queued, 'invitation_email').detail).toContain('hasn’t been delivered yet');
    // A test older than a template or sender change no longer proves anything.
    expect(deriveLaunchChecks(facts, now, 'template-v2').find((c) => c.key === 'invitation_email')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('changed after the last test invitation'),
    });
  });

  it('domains: applies only with a domain-based behavior on; an unverified or lapsed domain fails', () => {
    const off = { ...ready(), autoJoinEnabled: false, ssoConnections: [], directory: null };
    expect(check(off, 'domains_verified').status).toBe('not_applicable');
    const pending = {
      ...ready(),
      domains: [{ name: 'acme.example', status: 'pending' as const, dependents: ['auto_join'], verifiedAt: null }],
    };
    expect(check(pending, 'domains_verified')).toMatchObject({ status: 'failed', detail: 'acme.example isn’t verified yet.' });
    const lapsed = { ...ready(), domains: [{ name: 'acme.example', status: 'failed' as const, dependents: ['sso'], verifiedAt: ago(40) }] };
    expect(check(lapsed, 'domains_verified').detail).toContain('lapsed');
    expect(check({ ...ready(), domains: [] }, 'domains_verified').detail).toContain('no domain is verified');
  });

  it('role mapping: a change after the last dry run, or Owner without the allowance, fails', () => {
    const facts = ready();
    expect(check({ ...facts, roleMappings: { ...facts.roleMappings, changedAt: now } }, 'role_mapping').status).toBe('failed');
    expect(check({ ...facts, roleMappings: { ...facts.roleMappings, reviewedAt: null } }, 'role_mapping').status).toBe('failed');
    expect(check({ ...facts, roleMappings: { ...facts.roleMappings, ownerWithoutAllowance: ['Admins'] } }, 'role_mapping').detail).toBe(
      'Admins would grant Owner without the explicit allowance.',
    );
    expect(
      check({ ...facts, roleMappings: { count: 0, ownerWithoutAllowance: [], changedAt: null, reviewedAt: null } }, 'role_mapping').status,
    ).toBe('not_applicable');
  });

  it('SSO: a test after the last change, and no certificate within 30 days of expiry', () => {
    const facts = ready();
    const connection = facts.ssoConnections[0]!;
    expect(check({ ...facts, ssoConnections: [{ ...connection, lastTestAt: null }] }, 'sso_tested').detail).toBe(
      'Okta has no successful test sign-in.',
    );
    expect(check({ ...facts, ssoConnections: [{ ...connection, configuredAt: now }] }, 'sso_tested').detail).toContain(
      'changed after its last successful test sign-in',
    );
    expect(check({ ...facts, ssoConnections: [{ ...connection, certificateExpiresAt: ahead(29) }] }, 'sso_tested').detail).toContain(
      'certificate expires within 30 days',
    );
    expect(check({ ...facts, ssoConnections: [{ ...connection, certificateExpiresAt: ahead(31) }] }, 'sso_tested').status).toBe('passed');
    // The certificate's 30-day mark is when time alone changes the check.
    expect(nextLaunchChangeAt({ ...facts, ssoConnections: [{ ...connection, certificateExpiresAt: ahead(31) }] }, now)).toEqual(ahead(1));
    expect(nextLaunchChangeAt({ ...facts, ssoConnections: [{ ...connection, certificateExpiresAt: ahead(10) }] }, now)).toBeNull();
  });

  it('directory: a request after the last change and no errors; first for an organization a group created', () => {
    const facts = ready();
    const directory = facts.directory!;
    expect(check({ ...facts, directory: { ...directory, lastRequestAt: null } }, 'directory_tested').status).toBe('failed');
    expect(check({ ...facts, directory: { ...directory, configuredAt: now } }, 'directory_tested').detail).toContain(
      'changed after its last request',
    );
    expect(check({ ...facts, directory: { ...directory, status: 'error', lastError: '5 refused' } }, 'directory_tested').detail).toBe(
      'Okta directory shows errors: 5 refused',
    );
    expect(deriveLaunchChecks({ ...facts, fromDirectoryGroup: true }, now, FINGERPRINT)[0]?.key).toBe('directory_tested');
  });

  it('needs attention fails its check; after launch, only checks that newly fail are reported', () => {
    expect(check({ ...ready(), state: 'needs_attention' }, 'no_attention')).toMatchObject({ status: 'failed', fix: { section: '' } });
    expect(newlyFailing(['sso_tested'], ['sso_tested', 'directory_tested'])).toEqual(['directory_tested']);
    expect(newlyFailing(['sso_tested'], [])).toEqual([]);
  });
});
