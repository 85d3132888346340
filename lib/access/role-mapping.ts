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
