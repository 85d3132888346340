import { formatDate } from '@/lib/format';
import type { OrganizationStateName, StateReason } from './state';

/** The product's table: what each state means and what the builder does next. */
export const STATE_PRESENTATION: Record<
  OrganizationStateName,
  { label: string; meaning: string; action: string; tone: 'neutral' | 'info' | 'success' | 'live' | 'danger' }
> = {
  setup: {
    label: 'Setup',
    meaning: 'The organization exists, with no members or invitations.',
    action: 'Invite the first member.',
    tone: 'neutral',
  },
  pending: {
    label: 'Pending',
    meaning: 'An invitation exists, and none has been accepted.',
    action: 'Check invitation delivery and expiration.',
    tone: 'info',
  },
  ready: {
    label: 'Ready for first end users',
    meaning: 'The operating team exists, with no customer usage yet.',
    action: 'Bring in first end users.',
    tone: 'success',
  },
  active: {
    label: 'Active',
    meaning: 'Members, invitations or end-user activity are flowing normally.',
    action: 'Monitor normally.',
    tone: 'live',
  },
  needs_attention: {
    label: 'Needs attention',
    meaning: 'A blocker or a non-active state.',
    action: 'Review before continuing customer activity.',
    tone: 'danger',
  },
};

const DEPENDENT_LABELS: Record<string, string> = {
  auto_join: 'auto-join',
  sso: 'SSO',
  directory: 'directory sync',
};

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The next step a list row shows: the most important reason when there is one (the rules list
 * them in order), else the state's builder action.
 */
export function nextStep(state: OrganizationStateName, reasons: readonly StateReason[]): string {
  const first = reasons[0];
  return first ? describeStateReason(first) : STATE_PRESENTATION[state].action;
}

/** A state reason as a sentence, from its code and parameters. The one place reasons get words. */
export function describeStateReason(reason: StateReason): string {
  switch (reason.code) {
    case 'suspended':
      return 'The organization is suspended.';
    case 'invitation_bounced':
      return `The invitation email to ${reason.email} bounced${reason.detail ? ` (${reason.detail})` : ''}.`;
    case 'invitation_delivery_failed':
      return `The invitation email to ${reason.email} could not be delivered${reason.detail ? ` (${reason.detail})` : ''}.`;
    case 'invitations_all_expired':
      return reason.count === 1
        ? 'The only invitation expired unused, and the organization has no members.'
        : `All ${reason.count} invitations expired unused, and the organization has no members.`;
    case 'no_active_members':
      return reason.memberCount === 1
        ? 'The organization has 1 member, but that member is not active.'
        : `The organization has ${reason.memberCount} members, but none is active.`;
    case 'domain_unverified': {
      const what = joinWords(reason.dependents.map((d) => DEPENDENT_LABELS[d] ?? d));
      return `The domain ${reason.domain} ${reason.status === 'failed' ? 'failed verification' : 'is not verified'}, and ${what} depends on it.`;
    }
    case 'sso_error':
      return 'Sign-ins through the SSO connection are failing.';
    case 'sso_certificate_expired':
      return `The SSO connection’s certificate expired on ${formatDate(new Date(reason.expiredAt))}.`;
    case 'sso_certificate_expiring':
      return `The SSO connection’s certificate expires on ${formatDate(new Date(reason.expiresAt))}, within 14 days: add the identity provider’s new certificate.`;
    case 'directory_error':
      return 'Directory sync is failing: its recent requests were refused.';
    case 'directory_stale':
      return `The directory hasn’t been heard from since ${formatDate(new Date(reason.lastRequestAt))}, more than ${reason.hours} hours: check provisioning at the identity provider.`;
    case 'activity_stopped':
      return `End-user activity has stopped: the last was on ${formatDate(new Date(reason.lastActivityAt))}, more than ${reason.windowDays} days ago.`;
  }
}
