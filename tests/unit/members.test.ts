import { describe, expect, it } from 'vitest';
import { crossesOperatingTeam, leavesNoActiveOwner } from '@/lib/members/policy';

describe('the last-owner rule', () => {
  const owner = { role: 'owner' as const, status: 'active' as const };
  it.each([
    ['demoting the only active owner', 1, owner, { role: 'admin' as const }, true],
    ['suspending the only active owner', 1, owner, { status: 'suspended' as const }, true],
    ['removing the only active owner', 1, owner, null, true],
    ['demoting one of two owners', 2, owner, { role: 'member' as const }, false],
    ['keeping the owner role', 1, owner, { role: 'owner' as const }, false],
    ['reactivating the only owner', 1, owner, { status: 'active' as const }, false],
    ['removing an admin', 1, { role: 'admin' as const, status: 'active' as const }, null, false],
    ['removing a suspended owner while another is active', 1, { role: 'owner' as const, status: 'suspended' as const }, null, false],
  ])('%s: refused is %s', (_name, activeOwners, member, change, refused) => {
    expect(leavesNoActiveOwner(activeOwners, member, change)).toBe(refused);
  });
});

describe('role changes that cross the operating team', () => {
  // The operating team is a property of the role, as the roles table holds it.
  const team = { operatingTeam: true };
  const outside = { operatingTeam: false };
  it.each([
    ['into the team', outside, team, true],
    ['out of it', team, outside, true],
    ['within it', team, team, false],
    ['outside it', outside, outside, false],
  ] as const)('%s: %s', (_name, from, to, crosses) => {
    expect(crossesOperatingTeam(from, to)).toBe(crosses);
  });
});
