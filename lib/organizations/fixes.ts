import type { OrganizationStateName, StateReason } from './state';

/**
 * What fixes a state reason, or moves a state on: an action the Overview runs in place, or a link
 * straight to the section where the fix is. Pure; the Overview renders each kind.
 */
export type Fix =
  | { kind: 'reactivate_organization'; label: string }
  | { kind: 'reinvite'; label: string; email: string }
  | { kind: 'resend_expired'; label: string }
  | { kind: 'verify_domain'; label: string; domain: string }
  | { kind: 'link'; label: string; section: WorkspaceSection; anchor?: string };

export type WorkspaceSection = '' | 'members' | 'invitations' | 'domains' | 'sso' | 'directory' | 'activity' | 'settings';

/** The fix for one reason. Every reason has one. */
export function fixForReason(reason: StateReason): Fix {
  switch (reason.code) {
    case 'suspended':
      return { kind: 'reactivate_organization', label: 'Reactivate' };
    case 'invitation_bounced':
    case 'invitation_delivery_failed':
      return { kind: 'reinvite', label: 'Fix the address and re-invite', email: reason.email };
    case 'invitations_all_expired':
      return { kind: 'resend_expired', label: reason.count === 1 ? 'Resend' : `Resend all ${reason.count}` };
    case 'no_active_members':
      return { kind: 'link', label: 'Reactivate a member', section: 'members' };
    case 'domain_unverified':
      return { kind: 'verify_domain', label: 'Verify now', domain: reason.domain };
    case 'sso_error':
      return { kind: 'link', label: 'See the failing sign-ins', section: 'sso' };
    case 'sso_certificate_expired':
    case 'sso_certificate_expiring':
      return { kind: 'link', label: 'Renew the certificate', section: 'sso' };
    case 'directory_error':
      return { kind: 'link', label: 'See the failing directory requests', section: 'directory' };
    case 'directory_stale':
      return { kind: 'link', label: 'Check the directory’s health', section: 'directory' };
    case 'activity_stopped':
      return { kind: 'link', label: 'See how end users arrive', section: '', anchor: 'arrivals' };
  }
}

/** The state's own next step when no reason stands in the way; null when there is nothing to do. */
export function fixForState(state: OrganizationStateName): Fix | null {
  switch (state) {
    case 'setup':
      return { kind: 'link', label: 'Invite the first member', section: 'invitations' };
    case 'pending':
      return { kind: 'link', label: 'Check invitation delivery', section: 'invitations' };
    case 'ready':
      return { kind: 'link', label: 'How first end users arrive', section: '', anchor: 'arrivals' };
    default:
      return null;
  }
}

export function sectionHref(slug: string, section: WorkspaceSection, anchor?: string): string {
  return `/organizations/${slug}${section ? `/${section}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/** One way first end users can arrive in an organization, and whether it is set up. */
export interface Arrival {
  key: 'auto_join' | 'sso' | 'directory' | 'app_activity';
  label: string;
  setUp: boolean;
  detail: string;
  fix: Fix | null;
}

export interface ArrivalFacts {
  autoJoinEnabled: boolean;
  autoJoinRoleName: string;
  verifiedDomains: readonly string[];
  ssoConnections: readonly { enabled: boolean; status: 'draft' | 'active' | 'error' }[];
  directoryStatus: 'draft' | 'active' | 'error' | null;
  lastEndUserActivityAt: Date | null;
}

/**
 * "How first end users arrive": auto-join, SSO, the directory and the builder's own app, each
 * marked set up or not, with what sets it up.
 */
export function arrivals(facts: ArrivalFacts): Arrival[] {
  const autoJoin = facts.autoJoinEnabled && facts.verifiedDomains.length > 0;
  const domains = facts.verifiedDomains.join(', ');
  const ssoLive = facts.ssoConnections.filter((connection) => connection.enabled && connection.status === 'active').length;
  return [
    {
      key: 'auto_join',
      label: 'Auto-join',
      setUp: autoJoin,
      detail: autoJoin
        ? `People who sign in with an address at ${domains} join as ${facts.autoJoinRoleName}.`
        : facts.verifiedDomains.length
          ? `Off. Turn it on for ${domains} and people with those addresses join when they sign in.`
          : 'Needs a verified domain first: add and verify the organization’s email domain, then turn on auto-join.',
      fix: autoJoin ? null : { kind: 'link', label: 'Set up auto-join', section: 'domains' },
    },
    {
      key: 'sso',
      label: 'Enterprise SSO',
      setUp: ssoLive > 0,
      detail:
        ssoLive > 0
          ? 'People from the organization’s identity provider sign in and join on first sign-in.'
          : 'No SSO connection is active for this organization.',
      fix: null,
    },
    {
      key: 'directory',
      label: 'Directory sync',
      setUp: facts.directoryStatus === 'active',
      detail:
        facts.directoryStatus === 'active'
          ? 'The organization’s identity provider provisions its people.'
          : 'No directory is connected for this organization.',
      fix: facts.directoryStatus === 'active' ? null : { kind: 'link', label: 'Set up directory sync', section: 'directory' },
    },
    {
      key: 'app_activity',
      label: 'Your app’s own sign-ins',
      setUp: facts.lastEndUserActivityAt !== null,
      detail:
        facts.lastEndUserActivityAt !== null
          ? 'Your app has reported end-user activity for this organization.'
          : 'Your app hasn’t reported any end-user activity for this organization yet. When it does, the organization becomes Active.',
      fix: null,
    },
  ];
}
