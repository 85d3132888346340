import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { higherRole } from '@/lib/access/roles';
import { defineCommand } from '@/lib/commands/define';
import { ERRORS, httpStatusOf } from '@/lib/commands/errors';
import { formInput } from '@/lib/commands/input';
import { ALL_PERMISSIONS, canReachOrganization, hasPermission, permissionsOf } from '@/lib/commands/permissions';
import { type Principal, principalRecord } from '@/lib/commands/principal';
import { roleAfterAccept } from '@/lib/invitations/accept';
import { whyNotSend } from '@/lib/invitations/email-job';
import { ok } from '@/lib/result';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';
const console_: Principal = { kind: 'console_user', userId: 'u1', email: 'ada@builder.test', role: 'owner' };
// Member principals carry the permissions their roles give (resolved from the roles tables).
const ownerOfA: Principal = {
  kind: 'member',
  userId: 'u2',
  email: 'o@a.test',
  organizationId: ORG_A,
  role: 'owner',
  permissions: ALL_PERMISSIONS.filter((p) => p !== 'organizations.create' && p !== 'invitations.accept'),
};
const memberOfA: Principal = { kind: 'member', userId: 'u3', email: 'm@a.test', organizationId: ORG_A, role: 'member', permissions: [] };

describe('permissions', () => {
  it('console users and the system hold every permission', () => {
    for (const permission of ALL_PERMISSIONS) {
      expect(hasPermission(console_, permission)).toBe(true);
      expect(hasPermission({ kind: 'system', reason: 'test' }, permission)).toBe(true);
    }
  });

  it('a member holds the catalog permissions their roles give, and nothing else', () => {
    expect(hasPermission(ownerOfA, 'organizations.delete')).toBe(true);
    expect(hasPermission(ownerOfA, 'organizations.create')).toBe(false);
    expect(hasPermission(memberOfA, 'invitations.send')).toBe(false);
    const custom: Principal = { ...memberOfA, role: 'support', permissions: ['audit.read', 'reports:export'] };
    // The builder's own app permissions are the app's to read; commands see only the console's.
    expect([...permissionsOf(custom)]).toEqual(['audit.read']);
  });

  it('an API key holds only the catalog permissions it lists', () => {
    const key: Principal = { kind: 'api_key', keyId: 'k', organizationId: ORG_A, permissions: ['invitations.send', 'made.up'] };
    expect([...permissionsOf(key)]).toEqual(['invitations.send']);
  });

  it('an invitation link holds one permission: accepting', () => {
    expect([...permissionsOf({ kind: 'invitation_link', email: null })]).toEqual(['invitations.accept']);
    expect(hasPermission(ownerOfA, 'invitations.accept')).toBe(false);
  });

  it('organization-bound principals reach only their own organization', () => {
    expect(canReachOrganization(console_, ORG_B)).toBe(true);
    expect(canReachOrganization(ownerOfA, ORG_A)).toBe(true);
    expect(canReachOrganization(ownerOfA, ORG_B)).toBe(false);
    expect(canReachOrganization({ kind: 'directory', directoryId: 'd', organizationId: ORG_A }, ORG_B)).toBe(false);
  });

  it('the audit record of a principal never carries more than kind, id and address', () => {
    expect(principalRecord(console_)).toEqual({ kind: 'console_user', id: 'u1', email: 'ada@builder.test' });
    expect(principalRecord({ kind: 'api_key', keyId: 'k1', organizationId: ORG_A, permissions: [] })).toEqual({
      kind: 'api_key',
      id: 'k1',
      email: null,
    });
  });
});

describe('defineCommand', () => {
  const calls: unknown[] = [];
  const rename = defineCommand({
    name: 'test.rename',
    schema: z.object({ organizationId: z.string().uuid(), name: z.string().trim().min(1, 'Enter a name.') }),
    permission: 'organizations.manage',
    handler: async (context, input) => {
      calls.push({ principal: context.principal.kind, input });
      return ok({ renamed: input.name });
    },
  });

  it('runs the handler with the parsed input and the principal', async () => {
    calls.length = 0;
    expect(await rename(console_, { organizationId: ORG_A, name: ' Acme ' })).toEqual({ ok: true, data: { renamed: 'Acme' } });
    expect(calls).toEqual([{ principal: 'console_user', input: { organizationId: ORG_A, name: 'Acme' } }]);
  });

  // A missing permission is refused too, and audited: tests/integration/console-team.test.ts.
  it('refuses no principal, another organization and bad input before the handler', async () => {
    calls.length = 0;
    expect(await rename(null, { organizationId: ORG_A, name: 'X' })).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await rename(ownerOfA, { organizationId: ORG_B, name: 'X' })).toMatchObject({ ok: false, code: 'not_found' });
    const bad = await rename(console_, { organizationId: ORG_A, name: '   ' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input', fieldErrors: { name: ['Enter a name.'] }, values: { name: '   ' } });
    expect(calls).toEqual([]);
    expect(await rename(ownerOfA, { organizationId: ORG_A, name: 'Mine' })).toMatchObject({ ok: true });
  });

  it('exposes its declaration for other transports', () => {
    expect(rename.definition).toMatchObject({ name: 'test.rename', permission: 'organizations.manage' });
  });
});

describe('the error registry', () => {
  it('gives every code a message and an HTTP status', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.message.length, code).toBeGreaterThan(5);
      expect(httpStatusOf(code)).toBe(entry.status);
    }
    expect(httpStatusOf('not_found')).toBe(404);
    expect(httpStatusOf('no_such_code')).toBe(500);
  });
});

describe('the FormData adapter', () => {
  it('turns a form into a plain object, lists from x[] fields, without Next.js fields', () => {
    const form = new FormData();
    form.set('name', 'Acme');
    form.append('confirm[]', 'a@x.test');
    form.append('confirm[]', 'b@x.test');
    form.set('$ACTION_ID_abc', '');
    expect(formInput(form)).toEqual({ name: 'Acme', confirm: ['a@x.test', 'b@x.test'] });
  });
});

describe('accepting as an existing member', () => {
  it.each([
    [null, 'member', 'member', 'joins'],
    ['member', 'admin', 'admin', 'raised'],
    ['admin', 'member', 'admin', 'keeps'],
    ['owner', 'admin', 'owner', 'keeps'],
    ['admin', 'admin', 'admin', 'keeps'],
  ] as const)('current %s, invited %s: %s (%s)', (current, invited, role, change) => {
    expect(roleAfterAccept(current, invited)).toEqual({ role, change });
  });

  it('higherRole orders member < admin < owner', () => {
    expect(higherRole('member', 'owner')).toBe('owner');
    expect(higherRole('admin', 'member')).toBe('admin');
  });
});

describe('whether a queued invitation email still goes out', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const base = { status: 'pending', tokenNonce: 'n1', expiresAt: new Date('2026-12-01T00:00:00Z') };
  it.each([
    ['pending and current', base, null],
    ['deleted', null, 'deleted'],
    ['replaced by a resend', { ...base, tokenNonce: 'n2' }, 'newer email'],
    ['accepted', { ...base, status: 'accepted' }, 'accepted'],
    ['revoked', { ...base, status: 'revoked' }, 'revoked'],
    ['expired by status', { ...base, status: 'expired' }, 'expired'],
    ['expired by time while queued', { ...base, expiresAt: now }, 'expired'],
  ])('%s', (_, invitation, expected) => {
    const why = whyNotSend(invitation, { tokenNonce: 'n1' }, now);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toContain(expected);
  });
});

describe('which failure a form shows above its fields', () => {
  it('only one that no field error explains', async () => {
    const { fail, formLevelFailure, ok } = await import('@/lib/result');
    expect(formLevelFailure(fail('rate_limited'))).toMatchObject({ code: 'rate_limited' });
    expect(formLevelFailure(fail('invalid_input', undefined, { fieldErrors: { name: ['Enter a name.'] } }))).toBeNull();
    expect(formLevelFailure(ok({}))).toBeNull();
    expect(formLevelFailure(null)).toBeNull();
  });
});
