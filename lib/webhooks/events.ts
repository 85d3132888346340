import type { AuditAction } from '@/lib/audit/actions';

/**
 * The webhook events a builder's endpoint can subscribe to, and how they come from the audit log:
 * every event is one audit event, under the same id (the receiver's `webhook-id`, stable across
 * retries, for deduplication). Organization and member events are grouped by what the receiver
 * does about them; invitation, domain, SSO and directory events keep the audit action's name.
 */
const ORGANIZATION_EVENTS = {
  'organization.created': 'An organization was created (in the console, through the API, or from a directory group).',
  'organization.updated': 'An organization was renamed, changed its slug, was suspended, reactivated or marked as launched.',
  'organization.deleted': 'An organization was deleted.',
  'organization.state_changed': 'An organization moved between Setup, Pending, Ready, Active and Needs attention.',
  'member.added': 'A person became a member: an invitation accepted, auto-join, SSO, a directory or the API.',
  'member.updated': 'A member’s role changed, or they were suspended or reactivated.',
  'member.removed': 'A member was removed.',
} as const;

/** Audit actions renamed for webhooks. Anything else in a family below keeps its own name. */
const RENAMED: Partial<Record<AuditAction, keyof typeof ORGANIZATION_EVENTS>> = {
  'organization.created': 'organization.created',
  'organization.renamed': 'organization.updated',
  'organization.slug_changed': 'organization.updated',
  'organization.suspended': 'organization.updated',
  'organization.reactivated': 'organization.updated',
  'organization.launched': 'organization.updated',
  'organization.deleted': 'organization.deleted',
  'organization.state_changed': 'organization.state_changed',
  'member.joined': 'member.added',
  'member.role_changed': 'member.updated',
  'member.suspended': 'member.updated',
  'member.reactivated': 'member.updated',
  'member.removed': 'member.removed',
};

/** The families whose audit actions are webhook events under their own names. */
export const WEBHOOK_FAMILIES = {
  invitation: 'Invitations: sent, resent, revoked, accepted, or not delivered.',
  domain: 'Domains: added, verified, unverified, failed verification, removed.',
  sso: 'SSO connections: created, configured, enabled, disabled, deleted, failing and recovered.',
  directory: 'Directory sync: directories, their tokens, provisioned users and groups, failures.',
} as const;
export type WebhookFamily = keyof typeof WEBHOOK_FAMILIES;

/** Audit actions of those families that are not events for the app (a test email to the builder). */
const NOT_EVENTS: ReadonlySet<string> = new Set<AuditAction>(['invitation.test_sent']);

/**
 * The webhook event type of an audit action, or null when it is not one (the console's own work:
 * API keys, roles, jobs, the console team). Pure; the audit insert stores it, which makes the
 * audit row the outbox entry for its deliveries.
 */
export function webhookEventType(action: AuditAction): string | null {
  const renamed = RENAMED[action];
  if (renamed) return renamed;
  const family = action.split('.')[0]!;
  return family in WEBHOOK_FAMILIES && !NOT_EVENTS.has(action) ? action : null;
}

/** What an endpoint may subscribe to: each organization and member event, and each family as a whole (`invitation.*`). */
export const WEBHOOK_SUBSCRIPTIONS: Record<string, string> = {
  ...ORGANIZATION_EVENTS,
  ...Object.fromEntries(Object.entries(WEBHOOK_FAMILIES).map(([family, words]) => [`${family}.*`, words])),
};
export const WEBHOOK_SUBSCRIPTION_NAMES = Object.keys(WEBHOOK_SUBSCRIPTIONS);
export const WEBHOOK_SUBSCRIPTION_LIST = Object.entries(WEBHOOK_SUBSCRIPTIONS).map(([name, description]) => ({ name, description }));

/** Whether an endpoint subscribed to `subscriptions` receives an event of `type`. Pure; the fan-out SQL mirrors it. */
export function subscribes(subscriptions: readonly string[], type: string): boolean {
  return subscriptions.includes(type) || subscriptions.includes(`${type.split('.')[0]}.*`);
}
