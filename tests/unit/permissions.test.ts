import { describe, expect, it } from 'vitest';
import { permissionsBeyond, resolveEffectivePermissions } from '@/lib/access/permissions';
import { describeUsage, permissionsAfterEdit } from '@/lib/access/policy';

describe('effective permissions', () => {
  it('are the direct role’s permissions, each with its source', () => {
    const effective = resolveEffectivePermissions({ role: 'admin', permissions: ['members.manage', 'audit.read'] });
    expect([...effective.entries()]).toEqual([
      ['audit.read', [{ kind: 'role', role: 'admin' }]],
      ['members.manage', [{ kind: 'role', role: 'admin' }]],
    ]);
  });

  it('are the union of the direct role and every group’s roles, custom permissions included, with every source', () => {
    const effective = resolveEffectivePermissions({ role: 'member', permissions: [] }, [
      { group: 'Finance', grants: [{ role: 'billing', permissions: ['billing:manage', 'reports:export'] }] },
      { group: 'Analysts', grants: [{ role: 'analyst', permissions: ['reports:export'] }] },
    ]);
    expect([...effective.keys()]).toEqual(['billing:manage', 'reports:export']);
    expect(effective.get('reports:export')).toEqual([
      { kind: 'group', group: 'Finance', role: 'billing' },
      { kind: 'group', group: 'Analysts', role: 'analyst' },
    ]);
  });

  it('a member with no permission from anywhere has none', () => {
    expect(resolveEffectivePermissions({ role: 'member', permissions: [] }, [{ group: 'Empty', grants: [] }]).size).toBe(0);
  });
});

describe('the ceiling on granting', () => {
  it('names what a grant would give beyond the granter’s own permissions; nothing when it is within them', () => {
    const admin = new Set(['members.manage', 'invitations.send', 'audit.read']);
    expect(permissionsBeyond(admin, ['invitations.send'])).toEqual([]);
    expect(permissionsBeyond(admin, ['invitations.send', 'organizations.delete', 'billing:manage'])).toEqual([
      'organizations.delete',
      'billing:manage',
    ]);
    expect(permissionsBeyond(new Set(), [])).toEqual([]);
  });
});

describe('editing a role', () => {
  const consoleKeys = new Set(['members.manage', 'audit.read', 'invitations.send']);
  it('a default keeps its Orgdesk permissions whatever the form sends; only the app’s change', () => {
    const admin = { isDefault: true, permissions: ['audit.read', 'members.manage', 'old:app'] };
    expect(permissionsAfterEdit(admin, ['invitations.send', 'new:app'], consoleKeys)).toEqual(['audit.read', 'members.manage', 'new:app']);
  });
  it('a custom role takes exactly what the form sends, once each', () => {
    const custom = { isDefault: false, permissions: ['audit.read'] };
    expect(permissionsAfterEdit(custom, ['invitations.send', 'x:y', 'x:y'], consoleKeys)).toEqual(['invitations.send', 'x:y']);
  });
  it('says what uses a role in words', () => {
    expect(describeUsage({ members: 1, invitations: 2, autoJoin: 0, groups: 0, mappings: 0 })).toBe('1 member, 2 invitations');
    expect(describeUsage({ members: 0, invitations: 0, autoJoin: 1, groups: 2, mappings: 0 })).toBe(
      'auto-join in 1 organization, 2 groups',
    );
    expect(describeUsage({ members: 0, invitations: 0, autoJoin: 0, groups: 0, mappings: 0 })).toBe('nothing');
    expect(describeUsage({ members: 0, invitations: 0, autoJoin: 0, groups: 0, mappings: 2 })).toBe('2 group mappings');
  });
});
