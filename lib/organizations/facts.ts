import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { lastEndUserActivitySql } from './activity';
import type { LaunchFacts } from './launch';
import type {
  ConnectionStatusName,
  DeliveryStatusName,
  DomainStatusName,
  InvitationStatusName,
  OrganizationFacts,
  OrganizationStateName,
} from './state';

/** The organization's row as a recompute needs it, beside its facts. */
export interface OrganizationRowFacts {
  state: string;
  slug: string;
  lastActivityAt: Date;
  facts: OrganizationFacts;
  /** The launch check's facts (lib/organizations/launch.ts); `state` is the stored one. */
  launch: LaunchFacts;
  /** The stored launch summary, and whether the organization was marked as launched. */
  launchFailing: string[];
  launchedAt: Date | null;
}

type Stamp = string | null;

interface FactsRow {
  state: string;
  slug: string;
  last_activity_at: Date;
  status: 'active' | 'suspended';
  sso_connections: { status: ConnectionStatusName; certificateExpiresAt: Stamp; name: string; configuredAt: string; lastTestAt: Stamp }[];
  directory: {
    status: ConnectionStatusName;
    lastRequestAt: Stamp;
    staleAfterHours: number;
    name: string;
    configuredAt: string;
    lastError: string | null;
  } | null;
  member_count: number;
  active_member_count: number;
  open_invitations: {
    email: string;
    status: InvitationStatusName;
    expiresAt: string;
    deliveryStatus: DeliveryStatusName;
    deliveryError: string | null;
  }[];
  accepted_invitation_count: number;
  domains: { name: string; status: DomainStatusName; dependents: string[]; verifiedAt: Stamp }[];
  last_end_user_activity_at: Date | null;
  from_directory_group: boolean;
  intended_member: { email: string; via: string; joinedAt: string; lastSignInAt: Stamp } | null;
  test_invitation: {
    email: string;
    sentAt: Stamp;
    sentBy: string | null;
    deliveryStatus: DeliveryStatusName;
    deliveryError: string | null;
    fingerprint: string | null;
  } | null;
  auto_join_enabled: boolean;
  role_mappings: { count: number; ownerWithoutAllowance: string[] };
  role_mappings_changed_at: Date | null;
  role_mappings_reviewed_at: Date | null;
  launch_failing: string[] | null;
  launched_at: Date | null;
}

const date = (value: Stamp) => (value ? new Date(value) : null);

/**
 * Reads every fact deriveOrganizationState() needs for one organization in one statement (each
 * fact a subquery; lists as JSON). Null when the organization is gone. A recompute reads it while
 * holding the organization's row lock, taken by an earlier statement (lib/organizations/recompute.ts).
 */
export async function loadOrganizationFacts(tx: DbOrTx, organizationId: string): Promise<OrganizationRowFacts | null> {
  const id = Prisma.sql`${organizationId}::uuid`;
  const rows = await tx.$queryRaw<FactsRow[]>`
    SELECT o.state::text AS state, o.slug, o.last_activity_at, o.status::text AS status, o.auto_join_enabled,
      o.role_mappings_changed_at, o.role_mappings_reviewed_at, o.launch_failing, o.launched_at,
      (SELECT coalesce(json_agg(json_build_object('status', s.status, 'name', s.name, 'configuredAt', s.configured_at,
                'lastTestAt', (SELECT max(a.occurred_at) FROM sso_sign_in_attempts a
                               WHERE a.connection_id = s.id AND a.test AND a.outcome = 'success'),
                'certificateExpiresAt', (SELECT max(c.not_after) FROM sso_certificates c WHERE c.connection_id = s.id))), '[]'::json)
         FROM sso_connections s WHERE s.organization_id = o.id AND s.enabled) AS sso_connections,
      (SELECT json_build_object('status', d.status, 'lastRequestAt', d.last_request_at, 'staleAfterHours', d.stale_after_hours,
                'name', d.name, 'configuredAt', d.configured_at, 'lastError', d.last_error)
         FROM directories d WHERE d.organization_id = o.id) AS directory,
      (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id) AS member_count,
      (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id AND m.status = 'active') AS active_member_count,
      (SELECT coalesce(json_agg(json_build_object('email', i.email, 'status', i.status, 'expiresAt', i.expires_at,
                'deliveryStatus', i.delivery_status, 'deliveryError', i.delivery_error)), '[]'::json)
         FROM invitations i WHERE i.organization_id = o.id AND NOT i.is_test AND i.status IN ('pending', 'expired')) AS open_invitations,
      (SELECT count(*)::int FROM invitations i WHERE i.organization_id = o.id AND NOT i.is_test AND i.status = 'accepted')
        AS accepted_invitation_count,
      -- SSO depends on a domain an enabled connection applies to (derived, not stored).
      (SELECT coalesce(json_agg(json_build_object('name', d.name, 'status', d.status, 'verifiedAt', d.verified_at, 'dependents',
                d.dependents || CASE WHEN EXISTS (SELECT 1 FROM sso_connection_domains scd JOIN sso_connections c ON c.id = scd.connection_id
                                                 WHERE scd.domain_id = d.id AND c.enabled) THEN ARRAY['sso'] ELSE ARRAY[]::text[] END)), '[]'::json)
         FROM domains d WHERE d.organization_id = o.id) AS domains,
      ${lastEndUserActivitySql(Prisma.sql`o.id`)} AS last_end_user_activity_at,
      -- The launch check's facts.
      EXISTS (SELECT 1 FROM directory_groups g WHERE g.created_organization_id = o.id) AS from_directory_group,
      -- The operating team's roles first, then each one's members through (organization_id, role):
      -- never every member of a large organization; the address is read for the one chosen.
      (SELECT json_build_object('email', (SELECT u.email FROM users u WHERE u.id = m.user_id), 'via', m.joined_via,
                'joinedAt', m.created_at, 'lastSignInAt', m.last_sign_in_at)
         FROM (SELECT x.* FROM roles r CROSS JOIN LATERAL (
                 SELECT * FROM memberships x WHERE x.organization_id = o.id AND x.role = r.key AND x.status = 'active'
                   AND x.joined_via IN ('invitation', 'sso', 'directory') OFFSET 0) x
               WHERE r.operating_team
               ORDER BY (x.last_sign_in_at >= x.created_at) IS TRUE DESC, x.created_at, x.id LIMIT 1) m) AS intended_member,
      (SELECT json_build_object('email', i.email, 'sentAt', coalesce(i.last_sent_at, i.created_at), 'sentBy', i.invited_by_email,
                'deliveryStatus', i.delivery_status, 'deliveryError', i.delivery_error, 'fingerprint', i.template_fingerprint)
         FROM invitations i WHERE i.organization_id = o.id AND i.is_test ORDER BY i.created_at DESC, i.id DESC LIMIT 1) AS test_invitation,
      (SELECT json_build_object('count', count(*),
                'ownerWithoutAllowance', coalesce(json_agg(rm."group") FILTER (WHERE rm.role = 'owner' AND NOT rm.allow_owner), '[]'::json))
         FROM role_mappings rm WHERE rm.organization_id = o.id) AS role_mappings
    FROM organizations o WHERE o.id = ${id}`;
  const row = rows[0];
  if (!row) return null;
  const ssoConnections = row.sso_connections.map((connection) => ({
    status: connection.status,
    certificateExpiresAt: date(connection.certificateExpiresAt),
  }));
  return {
    state: row.state,
    slug: row.slug,
    lastActivityAt: row.last_activity_at,
    facts: {
      status: row.status,
      memberCount: row.member_count,
      activeMemberCount: row.active_member_count,
      // JSON carries timestamps as text: back to dates.
      openInvitations: row.open_invitations.map((invitation) => ({ ...invitation, expiresAt: new Date(invitation.expiresAt) })),
      acceptedInvitationCount: row.accepted_invitation_count,
      domains: row.domains.map(({ name, status, dependents }) => ({ name, status, dependents })),
      ssoConnections,
      directory: row.directory && {
        status: row.directory.status,
        lastRequestAt: date(row.directory.lastRequestAt),
        staleAfterHours: row.directory.staleAfterHours,
      },
      lastEndUserActivityAt: row.last_end_user_activity_at,
    },
    launch: {
      state: row.state as OrganizationStateName,
      fromDirectoryGroup: row.from_directory_group,
      intendedMember: row.intended_member && {
        email: row.intended_member.email,
        via: row.intended_member.via,
        joinedAt: new Date(row.intended_member.joinedAt),
        lastSignInAt: date(row.intended_member.lastSignInAt),
      },
      testInvitation: row.test_invitation && { ...row.test_invitation, sentAt: date(row.test_invitation.sentAt) },
      autoJoinEnabled: row.auto_join_enabled,
      domains: row.domains.map((domain) => ({ ...domain, verifiedAt: date(domain.verifiedAt) })),
      roleMappings: {
        count: Number(row.role_mappings.count),
        ownerWithoutAllowance: row.role_mappings.ownerWithoutAllowance,
        changedAt: row.role_mappings_changed_at,
        reviewedAt: row.role_mappings_reviewed_at,
      },
      ssoConnections: row.sso_connections.map((connection) => ({
        name: connection.name,
        configuredAt: new Date(connection.configuredAt),
        lastTestAt: date(connection.lastTestAt),
        certificateExpiresAt: date(connection.certificateExpiresAt),
      })),
      directory: row.directory && {
        name: row.directory.name,
        status: row.directory.status,
        configuredAt: new Date(row.directory.configuredAt),
        lastRequestAt: date(row.directory.lastRequestAt),
        lastError: row.directory.lastError,
      },
    },
    launchFailing: row.launch_failing ?? [],
    launchedAt: row.launched_at,
  };
}
