/**
 * The organization states: the product's rules, derived in one place.
 * Pure: no Prisma, no clock. `now` is passed in.
 */

export const ACTIVITY_WINDOW_DAYS = 30;
export const ACTIVITY_WINDOW_MS = ACTIVITY_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export const ORGANIZATION_STATES = ['setup', 'pending', 'ready', 'active', 'needs_attention'] as const;
export type OrganizationStateName = (typeof ORGANIZATION_STATES)[number];

export type InvitationStatusName = 'pending' | 'accepted' | 'revoked' | 'expired';
export type DeliveryStatusName = 'queued' | 'sent' | 'failed' | 'bounced';
export type DomainStatusName = 'pending' | 'verified' | 'failed';
export type ConnectionStatusName = 'draft' | 'active' | 'error';
export type DomainDependent = 'auto_join' | 'sso' | 'directory';

export interface InvitationFact {
  email: string;
  status: InvitationStatusName;
  expiresAt: Date;
  deliveryStatus: DeliveryStatusName;
  deliveryError?: string | null;
}

export interface DomainFact {
  name: string;
  status: DomainStatusName;
  /** What relies on this domain: auto-join, SSO, directory sync. */
  dependents: readonly string[];
}

export interface ConnectionFact {
  status: ConnectionStatusName;
  certificateExpiresAt?: Date | null;
}

export interface OrganizationFacts {
  status: 'active' | 'suspended';
  memberCount: number;
  activeMemberCount: number;
  /** Real (non-test) invitations that are pending or expired. Test invitations never count. */
  openInvitations: readonly InvitationFact[];
  acceptedInvitationCount: number;
  domains: readonly DomainFact[];
  sso: ConnectionFact | null;
  directory: ConnectionFact | null;
  /** Last activity by someone outside the operating team (owners and admins). */
  lastEndUserActivityAt: Date | null;
}

/** An organization with nothing yet: the base that facts are built on. */
export function emptyOrganizationFacts(): OrganizationFacts {
  return {
    status: 'active',
    memberCount: 0,
    activeMemberCount: 0,
    openInvitations: [],
    acceptedInvitationCount: 0,
    domains: [],
    sso: null,
    directory: null,
    lastEndUserActivityAt: null,
  };
}

export type StateReasonCode =
  | 'suspended'
  | 'invitation_delivery_failed'
  | 'invitations_all_expired'
  | 'no_active_members'
  | 'domain_unverified'
  | 'sso_error'
  | 'sso_certificate_expired'
  | 'directory_error'
  | 'activity_stopped';

export interface StateReason {
  code: StateReasonCode;
  message: string;
}

export interface DerivedState {
  state: OrganizationStateName;
  reasons: StateReason[];
}

const DEPENDENT_LABELS: Record<string, string> = {
  auto_join: 'auto-join',
  sso: 'SSO',
  directory: 'directory sync',
};

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** An invitation is expired at its expiry instant, whatever its stored status says. */
export function isInvitationExpired(invitation: Pick<InvitationFact, 'status' | 'expiresAt'>, now: Date): boolean {
  return invitation.status === 'expired' || (invitation.status === 'pending' && invitation.expiresAt <= now);
}

export function effectiveInvitationStatus(invitation: Pick<InvitationFact, 'status' | 'expiresAt'>, now: Date): InvitationStatusName {
  return isInvitationExpired(invitation, now) ? 'expired' : invitation.status;
}

export function isUnexpiredPending(invitation: Pick<InvitationFact, 'status' | 'expiresAt'>, now: Date): boolean {
  return invitation.status === 'pending' && invitation.expiresAt > now;
}

/** Activity counts as recent for ACTIVITY_WINDOW_MS after it happened; at the boundary it has stopped. */
export function hasRecentEndUserActivity(facts: Pick<OrganizationFacts, 'lastEndUserActivityAt'>, now: Date): boolean {
  const last = facts.lastEndUserActivityAt;
  return last !== null && last.getTime() + ACTIVITY_WINDOW_MS > now.getTime();
}

export function findBlockers(facts: OrganizationFacts, now: Date): StateReason[] {
  const reasons: StateReason[] = [];
  if (facts.status === 'suspended') {
    reasons.push({ code: 'suspended', message: 'The organization is suspended.' });
  }
  // Reasons come out in a stable order (by address, by domain), whatever order the facts were read in.
  const byEmail = [...facts.openInvitations].sort((a, b) => a.email.localeCompare(b.email));
  for (const invitation of byEmail) {
    if (!isUnexpiredPending(invitation, now)) continue;
    if (invitation.deliveryStatus === 'failed' || invitation.deliveryStatus === 'bounced') {
      const verb = invitation.deliveryStatus === 'bounced' ? 'bounced' : 'could not be delivered';
      const detail = invitation.deliveryError ? ` (${invitation.deliveryError})` : '';
      reasons.push({
        code: 'invitation_delivery_failed',
        message: `The invitation email to ${invitation.email} ${verb}${detail}.`,
      });
    }
  }
  if (
    facts.memberCount === 0 &&
    facts.acceptedInvitationCount === 0 &&
    facts.openInvitations.length > 0 &&
    facts.openInvitations.every((invitation) => isInvitationExpired(invitation, now))
  ) {
    const n = facts.openInvitations.length;
    reasons.push({
      code: 'invitations_all_expired',
      message:
        n === 1
          ? 'The only invitation expired unused, and the organization has no members.'
          : `All ${n} invitations expired unused, and the organization has no members.`,
    });
  }
  if (facts.memberCount > 0 && facts.activeMemberCount === 0) {
    reasons.push({
      code: 'no_active_members',
      message:
        facts.memberCount === 1
          ? 'The organization has 1 member, but that member is not active.'
          : `The organization has ${facts.memberCount} members, but none is active.`,
    });
  }
  for (const domain of [...facts.domains].sort((a, b) => a.name.localeCompare(b.name))) {
    if (domain.status === 'verified' || domain.dependents.length === 0) continue;
    const what = joinWords(domain.dependents.map((d) => DEPENDENT_LABELS[d] ?? d));
    const status = domain.status === 'failed' ? 'failed verification' : 'is not verified';
    reasons.push({
      code: 'domain_unverified',
      message: `The domain ${domain.name} ${status}, and ${what} depends on it.`,
    });
  }
  if (facts.sso?.status === 'error') {
    reasons.push({ code: 'sso_error', message: 'The SSO connection is in error.' });
  }
  if (facts.sso?.certificateExpiresAt && facts.sso.certificateExpiresAt <= now) {
    reasons.push({
      code: 'sso_certificate_expired',
      message: `The SSO connection's certificate expired on ${formatDay(facts.sso.certificateExpiresAt)}.`,
    });
  }
  if (facts.directory?.status === 'error') {
    reasons.push({ code: 'directory_error', message: 'The directory sync connection is in error.' });
  }
  if (facts.lastEndUserActivityAt && !hasRecentEndUserActivity(facts, now)) {
    reasons.push({
      code: 'activity_stopped',
      message: `End-user activity has stopped: the last was on ${formatDay(facts.lastEndUserActivityAt)}, more than ${ACTIVITY_WINDOW_DAYS} days ago.`,
    });
  }
  return reasons;
}

/** The first rule that matches decides (DESIGN.md, "The organization states"). */
export function deriveOrganizationState(facts: OrganizationFacts, now: Date): DerivedState {
  const blockers = findBlockers(facts, now);
  if (blockers.length) return { state: 'needs_attention', reasons: blockers };
  if (hasRecentEndUserActivity(facts, now)) return { state: 'active', reasons: [] };
  if (facts.activeMemberCount > 0) return { state: 'ready', reasons: [] };
  if (facts.openInvitations.some((invitation) => isUnexpiredPending(invitation, now))) {
    return { state: 'pending', reasons: [] };
  }
  return { state: 'setup', reasons: [] };
}

/**
 * The earliest instant after `now` at which the derived state can change with no write:
 * an invitation expiring, the activity window closing, a certificate expiring. Null if none.
 * A stored state is exact until then.
 */
export function nextStateChangeAt(facts: OrganizationFacts, now: Date): Date | null {
  const candidates: number[] = [];
  for (const invitation of facts.openInvitations) {
    if (isUnexpiredPending(invitation, now)) candidates.push(invitation.expiresAt.getTime());
  }
  if (facts.lastEndUserActivityAt) {
    const closes = facts.lastEndUserActivityAt.getTime() + ACTIVITY_WINDOW_MS;
    if (closes > now.getTime()) candidates.push(closes);
  }
  const certificate = facts.sso?.certificateExpiresAt;
  if (certificate && certificate > now) candidates.push(certificate.getTime());
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/** Unexpired pending invitations: the count the list shows. */
export function countPendingInvitations(facts: Pick<OrganizationFacts, 'openInvitations'>, now: Date): number {
  return facts.openInvitations.filter((invitation) => isUnexpiredPending(invitation, now)).length;
}
