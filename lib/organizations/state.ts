/**
 * The organization states: the product's rules, derived in one place.
 * Pure: no Prisma, no clock. `now` is passed in.
 */

export const ACTIVITY_WINDOW_DAYS = 30;
export const ACTIVITY_WINDOW_MS = ACTIVITY_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/** An enabled connection whose last certificate expires within 14 days needs attention: renew it now. */
export const CERTIFICATE_RENEWAL_DAYS = 14;
export const CERTIFICATE_RENEWAL_MS = CERTIFICATE_RENEWAL_DAYS * 24 * 60 * 60 * 1000;

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
  /** SSO: when its last certificate expires (it signs in until then); null without certificates. */
  certificateExpiresAt?: Date | null;
}

export interface DirectoryFact extends ConnectionFact {
  /** The last SCIM request it received; null before the first. */
  lastRequestAt?: Date | null;
  /** Not heard from for this many hours, a directory that has been used needs attention. */
  staleAfterHours?: number;
}

/** When a directory that has been used counts as not heard from; null if never used. */
export function directoryStaleAt(directory: DirectoryFact | null): Date | null {
  if (!directory?.lastRequestAt || !directory.staleAfterHours) return null;
  return new Date(directory.lastRequestAt.getTime() + directory.staleAfterHours * 3_600_000);
}

export interface OrganizationFacts {
  status: 'active' | 'suspended';
  memberCount: number;
  activeMemberCount: number;
  /** Real (non-test) invitations that are pending or expired. Test invitations never count. */
  openInvitations: readonly InvitationFact[];
  acceptedInvitationCount: number;
  domains: readonly DomainFact[];
  /** The enabled SSO connections. */
  ssoConnections: readonly ConnectionFact[];
  directory: DirectoryFact | null;
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
    ssoConnections: [],
    directory: null,
    lastEndUserActivityAt: null,
  };
}

/**
 * Why an organization needs attention, as a code with parameters. The stored state keeps these;
 * sentences are rendered at the edge (describeStateReason in state-labels.ts), and the launch
 * check and the API read the codes. Times are ISO strings, as they are stored.
 */
export type StateReason =
  | { code: 'suspended' }
  | { code: 'invitation_bounced'; email: string; detail: string | null }
  | { code: 'invitation_delivery_failed'; email: string; detail: string | null }
  | { code: 'invitations_all_expired'; count: number }
  | { code: 'no_active_members'; memberCount: number }
  | { code: 'domain_unverified'; domain: string; status: 'pending' | 'failed'; dependents: string[] }
  | { code: 'sso_error' }
  | { code: 'sso_certificate_expired'; expiredAt: string }
  | { code: 'sso_certificate_expiring'; expiresAt: string }
  | { code: 'directory_error' }
  | { code: 'directory_stale'; lastRequestAt: string; hours: number }
  | { code: 'activity_stopped'; lastActivityAt: string; windowDays: number };

export type StateReasonCode = StateReason['code'];

export interface DerivedState {
  state: OrganizationStateName;
  reasons: StateReason[];
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
  if (facts.status === 'suspended') reasons.push({ code: 'suspended' });
  // Reasons come out in a stable order (by address, by domain), whatever order the facts were read in.
  const byEmail = [...facts.openInvitations].sort((a, b) => a.email.localeCompare(b.email));
  for (const invitation of byEmail) {
    if (!isUnexpiredPending(invitation, now)) continue;
    if (invitation.deliveryStatus === 'failed' || invitation.deliveryStatus === 'bounced') {
      reasons.push({
        code: invitation.deliveryStatus === 'bounced' ? 'invitation_bounced' : 'invitation_delivery_failed',
        email: invitation.email,
        detail: invitation.deliveryError ?? null,
      });
    }
  }
  if (
    facts.memberCount === 0 &&
    facts.acceptedInvitationCount === 0 &&
    facts.openInvitations.length > 0 &&
    facts.openInvitations.every((invitation) => isInvitationExpired(invitation, now))
  ) {
    reasons.push({ code: 'invitations_all_expired', count: facts.openInvitations.length });
  }
  if (facts.memberCount > 0 && facts.activeMemberCount === 0) {
    reasons.push({ code: 'no_active_members', memberCount: facts.memberCount });
  }
  for (const domain of [...facts.domains].sort((a, b) => a.name.localeCompare(b.name))) {
    if (domain.status === 'verified' || domain.dependents.length === 0) continue;
    reasons.push({ code: 'domain_unverified', domain: domain.name, status: domain.status, dependents: [...domain.dependents] });
  }
  if (facts.ssoConnections.some((connection) => connection.status === 'error')) reasons.push({ code: 'sso_error' });
  const expired = facts.ssoConnections
    .flatMap((connection) =>
      connection.certificateExpiresAt && connection.certificateExpiresAt <= now ? [connection.certificateExpiresAt] : [],
    )
    .sort((a, b) => a.getTime() - b.getTime());
  if (expired.length) reasons.push({ code: 'sso_certificate_expired', expiredAt: expired[0]!.toISOString() });
  // Within 14 days of expiry, a connection needs its new certificate now: renewing takes the IdP's admin.
  const expiring = facts.ssoConnections
    .flatMap((connection) => {
      const at = connection.certificateExpiresAt;
      return at && at > now && at.getTime() - now.getTime() <= CERTIFICATE_RENEWAL_MS ? [at] : [];
    })
    .sort((a, b) => a.getTime() - b.getTime());
  if (expiring.length) reasons.push({ code: 'sso_certificate_expiring', expiresAt: expiring[0]!.toISOString() });
  if (facts.directory?.status === 'error') reasons.push({ code: 'directory_error' });
  const staleAt = directoryStaleAt(facts.directory);
  if (staleAt && staleAt <= now) {
    reasons.push({
      code: 'directory_stale',
      lastRequestAt: facts.directory!.lastRequestAt!.toISOString(),
      hours: facts.directory!.staleAfterHours!,
    });
  }
  if (facts.lastEndUserActivityAt && !hasRecentEndUserActivity(facts, now)) {
    reasons.push({ code: 'activity_stopped', lastActivityAt: facts.lastEndUserActivityAt.toISOString(), windowDays: ACTIVITY_WINDOW_DAYS });
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
  for (const connection of facts.ssoConnections) {
    const certificate = connection.certificateExpiresAt;
    if (certificate && certificate > now) candidates.push(certificate.getTime());
    // The moment it comes within 14 days of expiry.
    if (certificate && certificate.getTime() - CERTIFICATE_RENEWAL_MS > now.getTime())
      candidates.push(certificate.getTime() - CERTIFICATE_RENEWAL_MS);
  }
  const staleAt = directoryStaleAt(facts.directory);
  if (staleAt && staleAt > now) candidates.push(staleAt.getTime());
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/** Unexpired pending invitations: the count the list shows. */
export function countPendingInvitations(facts: Pick<OrganizationFacts, 'openInvitations'>, now: Date): number {
  return facts.openInvitations.filter((invitation) => isUnexpiredPending(invitation, now)).length;
}
