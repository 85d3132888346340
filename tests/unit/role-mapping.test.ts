import { describe, expect, it } from 'vitest';
import { mappedRole, roleShifts } from '@/lib/access/role-mapping';

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

describe('the dry run of a draft', () => {
  const people = [
    { key: 'u1', label: 'ana@x.test', role: 'member', joinedVia: 'directory', groups: ['it-admins'] },
    { key: 'u2', label: 'ben@x.test', role: 'admin', joinedVia: 'directory', groups: ['staff'] },
    { key: 'u3', label: 'cy@x.test', role: 'owner', joinedVia: 'directory', groups: [] },
    { key: 'u4', label: 'di@x.test', role: 'admin', joinedVia: 'invitation', groups: [] },
  ];

  it('lists who gains and who loses which role, and never demotes an owner or someone invited by hand', () => {
    expect(roleShifts(people, [{ group: 'it-admins', role: 'admin', allowOwner: false }], privilege)).toEqual([
      { key: 'u1', label: 'ana@x.test', before: 'member', after: 'admin', mapping: 'it-admins' },
      { key: 'u2', label: 'ben@x.test', before: 'admin', after: 'member', mapping: null },
    ]);
  });

  it('without mappings nobody changes; Owner needs its allowance', () => {
    expect(roleShifts(people, [], privilege)).toEqual([]);
    expect(roleShifts(people, [{ group: 'it-admins', role: 'owner', allowOwner: false }], privilege).map((s) => s.after)).toEqual([
      'member',
    ]);
    expect(roleShifts(people, [{ group: 'it-admins', role: 'owner', allowOwner: true }], privilege)[0]).toMatchObject({ after: 'owner' });
  });
});
