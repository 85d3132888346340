import { ORGANIZATION_STATES, type OrganizationStateName } from './state';

/** The filter chips on the organizations page, in display order. */
export const ORGANIZATION_FILTERS = [
  { id: 'needs-action', label: 'Needs action', states: ['setup', 'needs_attention'] },
  { id: 'waiting', label: 'Waiting', states: ['pending'] },
  { id: 'ready', label: 'Ready', states: ['ready'] },
  { id: 'live', label: 'Live', states: ['active'] },
  { id: 'all', label: 'All', states: ['setup', 'pending', 'ready', 'active', 'needs_attention'] },
] as const satisfies readonly { id: string; label: string; states: readonly OrganizationStateName[] }[];

export type OrganizationFilterId = (typeof ORGANIZATION_FILTERS)[number]['id'];

/** What a chip covers, in words: "Setup and Needs attention". */
export function describeFilterStates(
  states: readonly OrganizationStateName[],
  labels: Record<OrganizationStateName, { label: string }>,
): string {
  if (states.length === ORGANIZATION_STATES.length) return 'every state';
  const words = states.map((state) => labels[state].label);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export const DEFAULT_FILTER: OrganizationFilterId = 'all';

export function getFilter(id: string | undefined | null) {
  return ORGANIZATION_FILTERS.find((filter) => filter.id === id) ?? ORGANIZATION_FILTERS.find((f) => f.id === DEFAULT_FILTER)!;
}

/** Chip counts from per-state counts. */
export function countByFilter(stateCounts: Partial<Record<OrganizationStateName, number>>) {
  return Object.fromEntries(
    ORGANIZATION_FILTERS.map((filter) => [filter.id, filter.states.reduce((sum, state) => sum + (stateCounts[state] ?? 0), 0)]),
  ) as Record<OrganizationFilterId, number>;
}
