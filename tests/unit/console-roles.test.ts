import { describe, expect, it } from 'vitest';
import { parseBuilderList } from '@/lib/auth/builders';
import { ALL_PERMISSIONS, hasPermission, permissionsOf } from '@/lib/commands/permissions';
import type { Principal } from '@/lib/commands/principal';
import { type ConsoleUserFact, leavesNoConsoleOwner, ownersAfter, whyNotEditable } from '@/lib/console/policy';
import { resolveConsoleRole } from '@/lib/console/roles';

function builders(raw: string) {
  const parsed = parseBuilderList(raw);
  if (!parsed.ok) throw new Error(raw);
  return parsed.list;
}

const consoleUser = (role: 'owner' | 'admin' | 'viewer'): Principal => ({ kind: 'console_user', userId: 'u', email: 'u@x.test', role });

describe('console roles', () => {
  it('gives an Owner everything, an Admin everything but the console team, a Viewer reading only', () => {
    expect([...permissionsOf(consoleUser('owner'))].sort()).toEqual([...ALL_PERMISSIONS].sort());
    expect(hasPermission(consoleUser('admin'), 'console.manage')).toBe(false);
    expect(hasPermission(consoleUser('admin'), 'organizations.delete')).toBe(true);
    expect(hasPermission(consoleUser('admin'), 'roles.manage')).toBe(true);
    expect([...permissionsOf(consoleUser('viewer'))].sort()).toEqual(['audit.read', 'members.read', 'organizations.read']);
  });

  it('never lets an organization role hold console.manage', () => {
    const member: Principal = {
      kind: 'member',
      userId: 'm',
      email: 'm@x.test',
      organizationId: '00000000-0000-4000-8000-000000000001',
      role: 'owner',
      permissions: ['console.manage', 'members.manage'],
    };
    expect(hasPermission(member, 'console.manage')).toBe(false);
    expect(hasPermission(member, 'members.manage')).toBe(true);
  });

  it('makes ADMIN_EMAILS owners whatever their row says, and an invited row count only while active', () => {
    const list = builders('ada@b.test, @team.test');
    expect(resolveConsoleRole('ada@b.test', null, list)).toBe('owner');
    expect(resolveConsoleRole('x@team.test', { role: 'viewer', source: 'invitation', status: 'suspended' }, list)).toBe('owner');
    expect(resolveConsoleRole('x@eu.team.test', null, list)).toBeNull();
    expect(resolveConsoleRole('c@c.test', { role: 'admin', source: 'invitation', status: 'active' }, list)).toBe('admin');
    expect(resolveConsoleRole('c@c.test', { role: 'admin', source: 'invitation', status: 'suspended' }, list)).toBeNull();
    // A row ADMIN_EMAILS wrote gives nothing once the variable stops naming the address.
    expect(resolveConsoleRole('old@b.test', { role: 'owner', source: 'bootstrap', status: 'active' }, list)).toBeNull();
  });
});

describe('the console keeps an owner', () => {
  const row = (userId: string, email: string, extra: Partial<ConsoleUserFact> = {}): ConsoleUserFact => ({
    userId,
    email,
    role: 'owner',
    source: 'invitation',
    status: 'active',
    ...extra,
  });
  const domainOnly = builders('@nobody-yet.test');

  it('refuses taking away the last owner, by demotion, suspension or removal', () => {
    const rows = [row('a', 'a@x.test')];
    expect(leavesNoConsoleOwner(rows, domainOnly, 'a', { role: 'admin' })).toBe(true);
    expect(leavesNoConsoleOwner(rows, domainOnly, 'a', { status: 'suspended' })).toBe(true);
    expect(leavesNoConsoleOwner(rows, domainOnly, 'a', null)).toBe(true);
    expect(leavesNoConsoleOwner([...rows, row('b', 'b@x.test')], domainOnly, 'a', null)).toBe(false);
  });

  it('counts ADMIN_EMAILS addresses as owners even before they sign in, but not a suspended owner', () => {
    expect(ownersAfter([row('a', 'a@x.test')], builders('boss@x.test'), 'a', null)).toBe(1);
    expect(ownersAfter([row('a', 'a@x.test'), row('b', 'b@x.test', { status: 'suspended' })], domainOnly, 'a', null)).toBe(0);
    // An address both signed in and listed counts once.
    expect(ownersAfter([row('a', 'boss@x.test', { source: 'bootstrap' })], builders('boss@x.test'), 'z', null)).toBe(1);
  });

  it('leaves ADMIN_EMAILS owners to the variable, and nobody suspends or removes themselves', () => {
    const list = builders('boss@x.test');
    const bootstrap = row('b', 'boss@x.test', { source: 'bootstrap' });
    expect(whyNotEditable(bootstrap, list, 'a', 'role')).toBe('from_admin_emails');
    expect(whyNotEditable(bootstrap, list, 'a', 'remove')).toBe('from_admin_emails');
    // No longer listed: the stale row may be removed, nothing else.
    expect(whyNotEditable(row('o', 'old@x.test', { source: 'bootstrap' }), list, 'a', 'remove')).toBeNull();
    expect(whyNotEditable(row('o', 'old@x.test', { source: 'bootstrap' }), list, 'a', 'suspend')).toBe('from_admin_emails');
    expect(whyNotEditable(row('a', 'a@x.test'), list, 'a', 'suspend')).toBe('not_yourself');
    expect(whyNotEditable(row('a', 'a@x.test'), list, 'a', 'remove')).toBe('not_yourself');
    expect(whyNotEditable(row('a', 'a@x.test'), list, 'a', 'role')).toBeNull();
  });
});
