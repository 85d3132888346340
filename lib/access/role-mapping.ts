import { LEAST_PRIVILEGED_ROLE } from './roles';

/**
 * Group → role mappings: which role a person gets from the groups their identity provider (or
 * directory) lists. Shared by SSO sign-ins and directory sync. Pure.
 */
export interface RoleMappingRule {
  group: string;
  role: string;
  allowOwner: boolean;
}

export interface MappedRole {
  role: string;
  /** The group whose mapping gave the role; null when none matched (the least privileged role). */
  group: string | null;
}

/**
 * The role for a person in `groups`: among the mappings that match, the most privileged role
 * (the one with the most permissions; earlier mappings win ties). Owner only through a mapping that
 * allows it. No match: the least privileged role, Member.
 */
export function mappedRole(
  groups: readonly string[],
  mappings: readonly RoleMappingRule[],
  privilege: (role: string) => number,
): MappedRole {
  const held = new Set(groups);
  let best: RoleMappingRule | null = null;
  for (const mapping of mappings) {
    if (!held.has(mapping.group)) continue;
    if (mapping.role === 'owner' && !mapping.allowOwner) continue;
    if (!best || privilege(mapping.role) > privilege(best.role)) best = mapping;
  }
  return best ? { role: best.role, group: best.group } : { role: LEAST_PRIVILEGED_ROLE, group: null };
}

/**
 * The role a member moves to under a mapping result, or null to keep theirs: a matching mapping's
 * role, or, where the organization maps groups at all, the least privileged one for someone who
 * joined through `source` (SSO or the directory). A mapping never demotes an owner: owners are
 * managed in the console.
 */
export function mappedRoleChange(
  membership: { role: string; joinedVia: string },
  role: { key: string; mapping: string | null; hasMappings: boolean },
  source: 'sso' | 'directory',
): string | null {
  const mapped = role.mapping !== null || (role.hasMappings && membership.joinedVia === source);
  return mapped && membership.role !== role.key && membership.role !== 'owner' ? role.key : null;
}

/** A synced person, as the dry run sees them: their role now, how they joined, their groups. */
export interface MappedPerson {
  key: string;
  label: string;
  role: string;
  joinedVia: string;
  groups: readonly string[];
}

export interface RoleShift {
  key: string;
  label: string;
  before: string;
  after: string;
  /** The group whose mapping gives the new role; null when no mapping matches any more. */
  mapping: string | null;
}

/**
 * The dry run: who would gain or lose which role if `mappings` were saved, for the directory's
 * members (the same rule a save applies). Pure.
 */
export function roleShifts(
  people: readonly MappedPerson[],
  mappings: readonly RoleMappingRule[],
  privilege: (role: string) => number,
): RoleShift[] {
  const shifts: RoleShift[] = [];
  for (const person of people) {
    const result = mappedRole(person.groups, mappings, privilege);
    const next = mappedRoleChange(person, { key: result.role, mapping: result.group, hasMappings: mappings.length > 0 }, 'directory');
    if (next) shifts.push({ key: person.key, label: person.label, before: person.role, after: next, mapping: result.group });
  }
  return shifts;
}
