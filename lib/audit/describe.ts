import { type MemberRoleName, ROLE_LABELS } from '@/lib/access/roles';
import { formatDateTime } from '@/lib/format';
import type { OrganizationStateName } from '@/lib/organizations/state';
import { STATE_PRESENTATION } from '@/lib/organizations/state-labels';
import { AUDIT_ACTIONS, isAuditAction } from './actions';

/** Words for an event's actor: the address, or what kind of caller it was. */
export function describeActor(event: { actorKind: string; actorId: string | null; actorEmail: string | null }): string {
  if (event.actorKind === 'setup_link') return event.actorEmail ? `Setup link sent to ${event.actorEmail}` : 'Setup link';
  if (event.actorEmail) return event.actorEmail;
  if (event.actorKind === 'system') return `Orgdesk (${event.actorId ?? 'system'})`;
  if (event.actorKind === 'api_key') return `API key ${event.actorId ?? ''}`.trim();
  if (event.actorKind === 'directory') return 'Directory sync';
  return event.actorKind;
}

export function describeAction(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}

/** Values some fields hold, in the words the console uses for them elsewhere. */
const FIELD_WORDS: Record<string, (value: string) => string | undefined> = {
  state: (value) => STATE_PRESENTATION[value as OrganizationStateName]?.label,
  role: (value) => ROLE_LABELS[value as MemberRoleName]?.label,
  invitedRole: (value) => ROLE_LABELS[value as MemberRoleName]?.label,
};

function show(value: unknown, key = ''): string {
  if (typeof value === 'string' && FIELD_WORDS[key]?.(value)) return FIELD_WORDS[key](value)!;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return formatDateTime(date);
  }
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'object' && item && 'code' in item ? String(item.code) : show(item))).join(', ') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An event's summary as short lines: "name: Acme → Acme Inc", "role: admin". */
export function describeSummary(summary: unknown): string[] {
  if (!summary || typeof summary !== 'object') return [];
  return Object.entries(summary as Record<string, unknown>).map(([key, value]) => {
    const label = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (value && typeof value === 'object' && !Array.isArray(value) && 'before' in value && 'after' in value) {
      return `${label}: ${show((value as { before: unknown }).before, key)} → ${show((value as { after: unknown }).after, key)}`;
    }
    return `${label}: ${show(value, key)}`;
  });
}
