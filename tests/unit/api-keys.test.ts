import { describe, expect, it } from 'vitest';
import { apiKeyStatus, looksLikeApiKey } from '@/lib/api-keys/scopes';
import { API_KEY_SCOPES, apiKeyPermissions, hasPermission } from '@/lib/commands/permissions';

describe('an API key’s permissions', () => {
  it('are its scopes, never the console’s own powers', () => {
    expect(apiKeyPermissions(['organizations.create', 'console.manage', 'directory.sync', 'made.up'], false)).toEqual([
      'organizations.create',
    ]);
    expect(API_KEY_SCOPES).not.toContain('api_keys.manage');
    expect(API_KEY_SCOPES).not.toContain('invitations.accept');
    expect(API_KEY_SCOPES).toContain('activity.report');
  });

  it('a key restricted to one organization has no console-wide power, whatever its scopes say', () => {
    expect(apiKeyPermissions(['organizations.create', 'roles.manage', 'activity.report'], true)).toEqual(['activity.report']);
    const restricted = { kind: 'api_key', keyId: 'k', organizationId: 'o', permissions: ['organizations.create'] } as const;
    const open = { ...restricted, organizationId: null };
    expect(hasPermission(restricted, 'organizations.create')).toBe(false);
    expect(hasPermission(open, 'organizations.create')).toBe(true);
  });
});

describe('an API key’s standing', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('is active until it expires or is revoked', () => {
    expect(apiKeyStatus({ expiresAt: null, revokedAt: null }, now)).toBe('active');
    expect(apiKeyStatus({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(apiKeyStatus({ expiresAt: null, revokedAt: now }, now)).toBe('revoked');
  });

  it('is recognized by its shape before any lookup', () => {
    expect(looksLikeApiKey(`odk_${'a'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey(`odk_${'a'.repeat(42)}`)).toBe(false);
    expect(looksLikeApiKey(`scim_${'a'.repeat(43)}`)).toBe(false);
  });
});
