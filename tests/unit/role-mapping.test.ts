import { describe, expect, it } from 'vitest';
import { mappedRole } from '@/lib/access/role-mapping';

const privilege = (role: string) => ({ member: 2, viewer: 1, admin: 8, owner: 11, auditor: 3 })[role] ?? 0;

describe('group → role mappings', () => {
  const mappings = [
    { group: 'staff', role: 'member', allowOwner: false },
    { group: 'auditors', role: 'auditor', allowOwner: false },
    { group: 'it-admins', role: 'admin', allowOwner: false },
    { group: 'founders', role: 'owner', allowOwner: true },
    { group: 'rogue', role: 'owner', allowOwner: false },
  ];

  it('gives the most privileged role among the matching mappings, and names the group', () => {
    expect(mappedRole(['staff', 'it-admins', 'auditors'], mappings, privilege)).toEqual({ role: 'admin', group: 'it-admins' });
    expect(mappedRole(['auditors'], mappings, privilege)).toEqual({ role: 'auditor', group: 'auditors' });
    expect(mappedRole(['founders', 'staff'], mappings, privilege)).toEqual({ role: 'owner', group: 'founders' });
  });

  it('never grants Owner without the allowance, and falls back to Member when nothing matches', () => {
    expect(mappedRole(['rogue'], mappings, privilege)).toEqual({ role: 'member', group: null });
    expect(mappedRole(['rogue', 'auditors'], mappings, privilege)).toEqual({ role: 'auditor', group: 'auditors' });
    expect(mappedRole([], mappings, privilege)).toEqual({ role: 'member', group: null });
    expect(mappedRole(['Staff'], mappings, privilege)).toEqual({ role: 'member', group: null });
  });

  it('an earlier mapping wins a tie', () => {
    const tied = [
      { group: 'a', role: 'auditor', allowOwner: false },
      { group: 'b', role: 'auditor', allowOwner: false },
    ];
    expect(mappedRole(['b', 'a'], tied, privilege)).toEqual({ role: 'auditor', group: 'a' });
  });
});
