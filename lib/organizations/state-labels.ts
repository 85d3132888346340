import type { OrganizationStateName } from './state';

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
