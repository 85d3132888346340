import { describe, expect, it } from 'vitest';
import { hasPermission, mayRunCommand } from '@/lib/commands/permissions';
import type { Principal } from '@/lib/commands/principal';
import { principalRecord } from '@/lib/commands/principal';
import { intentsAllow, type SetupIntent, setupLinkStatus, setupProgress } from '@/lib/setup-links/intents';
import { setupLinkOfTest, setupLinkReturnTo } from '@/lib/setup-links/sso-test';

const link = (intents: SetupIntent[]): Principal =>
  ({ kind: 'setup_link', linkId: 'l1', organizationId: 'o1', intents, sentTo: 'it@customer.example' }) as const;

describe('a setup link’s intents', () => {
  it('allow the commands they list, and only those', () => {
    expect(intentsAllow(['domains'], 'domains.add')).toBe(true);
    expect(intentsAllow(['domains'], 'domains.verify')).toBe(true);
    expect(intentsAllow(['domains'], 'domains.remove')).toBe(false);
    expect(intentsAllow(['domains'], 'sso.create')).toBe(false);
    expect(intentsAllow(['sso'], 'sso.test')).toBe(true);
    expect(intentsAllow(['sso'], 'sso.set_enabled')).toBe(false);
    expect(intentsAllow(['sso'], 'sso.delete')).toBe(false);
    expect(intentsAllow(['directory'], 'directory.create')).toBe(true);
    expect(intentsAllow(['directory'], 'directory.delete')).toBe(false);
    expect(intentsAllow(['domains', 'directory'], 'directory.rotate_token')).toBe(true);
  });

  it('give the principal their permissions, and the command layer checks both', () => {
    const principal = link(['sso']);
    expect(hasPermission(principal, 'sso.manage')).toBe(true);
    expect(hasPermission(principal, 'domains.manage')).toBe(false);
    expect(hasPermission(principal, 'setup_links.manage')).toBe(false);
    expect(mayRunCommand(principal, 'sso.configure_saml')).toBe(true);
    expect(mayRunCommand(principal, 'sso.require')).toBe(false);
    // Other principals are judged by their permissions alone.
    expect(mayRunCommand({ kind: 'system', reason: 'test' }, 'sso.require')).toBe(true);
  });

  it('is audited as the link, with the address it was sent to', () => {
    expect(principalRecord(link(['domains']))).toEqual({ kind: 'setup_link', id: 'l1', email: 'it@customer.example' });
  });
});

describe('a setup link’s status', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('is active until it expires, and revoked wins once revoked', () => {
    expect(setupLinkStatus({ expiresAt: new Date('2026-12-03T12:00:01Z'), revokedAt: null }, now)).toBe('active');
    expect(setupLinkStatus({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(setupLinkStatus({ expiresAt: new Date('2026-12-04T00:00:00Z'), revokedAt: new Date('2026-12-03T11:00:00Z') }, now)).toBe(
      'revoked',
    );
    expect(setupLinkStatus({ expiresAt: new Date('2026-12-02T00:00:00Z'), revokedAt: new Date('2026-12-01T00:00:00Z') }, now)).toBe(
      'revoked',
    );
  });
});

describe('a setup link’s progress', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 12, minute));
  it('is the furthest milestone per intent, its latest time and target; complete at the last one', () => {
    const progress = setupProgress(
      ['domains', 'sso', 'directory'],
      [
        { action: 'domain.added', occurredAt: at(1), targetLabel: 'a.example' },
        { action: 'domain.added', occurredAt: at(2), targetLabel: 'b.example' },
        { action: 'sso.connection_created', occurredAt: at(3), targetLabel: 'Okta' },
        { action: 'sso.connection_configured', occurredAt: at(4), targetLabel: 'Okta' },
        { action: 'setup_link.sso_tested', occurredAt: at(5), targetLabel: 'Okta' },
      ],
    );
    expect(progress).toEqual([
      { intent: 'domains', complete: false, reached: { label: 'Domain added', at: at(2), target: 'b.example' } },
      { intent: 'sso', complete: true, reached: { label: 'Test sign-in passed', at: at(5), target: 'Okta' } },
      { intent: 'directory', complete: false, reached: null },
    ]);
  });

  it('ignores actions outside the link’s intents', () => {
    expect(setupProgress(['domains'], [{ action: 'directory.created', occurredAt: at(1), targetLabel: null }])).toEqual([
      { intent: 'domains', complete: false, reached: null },
    ]);
  });
});

describe('a test sign-in’s return', () => {
  it('names the link by id, and nothing else is read as a link', () => {
    expect(setupLinkOfTest(setupLinkReturnTo('abc'))).toBe('abc');
    expect(setupLinkOfTest('/account')).toBeNull();
    expect(setupLinkOfTest(null)).toBeNull();
  });
});
