import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { lastEndUserActivitySql } from './activity';
import type { ConnectionStatusName, DeliveryStatusName, DomainStatusName, InvitationStatusName, OrganizationFacts } from './state';

/** The organization's row as a recompute needs it, beside its facts. */
export interface OrganizationRowFacts {
  state: string;
  slug: string;
  lastActivityAt: Date;
  facts: OrganizationFacts;
}

interface FactsRow {
  state: string;
  slug: string;
  last_activity_at: Date;
  status: 'active' | 'suspended';
  sso_connections: { status: ConnectionStatusName; certificateExpiresAt: string | null }[];
  directory: { status: ConnectionStatusName; lastRequestAt: string | null; staleAfterHours: number } | null;
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
  domains: { name: string; status: DomainStatusName; dependents: string[] }[];
  last_end_user_activity_at: Date | null;
}

/**
 * Reads every fact deriveOrganizationState() needs for one organization in one statement (each
 * fact a subquery; lists as JSON). Null when the organization is gone. A recompute reads it while
 * holding the organization's row lock, taken by an earlier statement (lib/organizations/recompute.ts).
 */
export async function loadOrganizationFacts(tx: DbOrTx, organizationId: string): Promise<OrganizationRowFacts | null> {
  const id = Prisma.sql`${organizationId}::uuid`;
  const rows = await tx.$queryRaw<FactsRow[]>`
    SELECT o.state::text AS state, o.slug, o.last_activity_at, o.status::text AS status,
      (SELECT coalesce(json_agg(json_build_object('status', s.status,
                'certificateExpiresAt', (SELECT max(c.not_after) FROM sso_certificates c WHERE c.connection_id = s.id))), '[]'::json)
         FROM sso_connections s WHERE s.organization_id = o.id AND s.enabled) AS sso_connections,
      (SELECT json_build_object('status', d.status, 'lastRequestAt', d.last_request_at, 'staleAfterHours', d.stale_after_hours)
         FROM directories d WHERE d.organization_id = o.id) AS directory,
      (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id) AS member_count,
      (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id AND m.status = 'active') AS active_member_count,
      (SELECT coalesce(json_agg(json_build_object('email', i.email, 'status', i.status, 'expiresAt', i.expires_at,
                'deliveryStatus', i.delivery_status, 'deliveryError', i.delivery_error)), '[]'::json)
         FROM invitations i WHERE i.organization_id = o.id AND NOT i.is_test AND i.status IN ('pending', 'expired')) AS open_invitations,
      (SELECT count(*)::int FROM invitations i WHERE i.organization_id = o.id AND NOT i.is_test AND i.status = 'accepted')
        AS accepted_invitation_count,
      -- SSO depends on a domain an enabled connection applies to (derived, not stored).
      (SELECT coalesce(json_agg(json_build_object('name', d.name, 'status', d.status, 'dependents',
                d.dependents || CASE WHEN EXISTS (SELECT 1 FROM sso_connection_domains scd JOIN sso_connections c ON c.id = scd.connection_id
                                                 WHERE scd.domain_id = d.id AND c.enabled) THEN ARRAY['sso'] ELSE ARRAY[]::text[] END)), '[]'::json)
         FROM domains d WHERE d.organization_id = o.id) AS domains,
      ${lastEndUserActivitySql(Prisma.sql`o.id`)} AS last_end_user_activity_at
    FROM organizations o WHERE o.id = ${id}`;
  const row = rows[0];
  if (!row) return null;
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
      domains: row.domains,
      ssoConnections: row.sso_connections.map((connection) => ({
        status: connection.status,
        certificateExpiresAt: connection.certificateExpiresAt ? new Date(connection.certificateExpiresAt) : null,
      })),
      directory: row.directory && {
        status: row.directory.status,
        lastRequestAt: row.directory.lastRequestAt ? new Date(row.directory.lastRequestAt) : null,
        staleAfterHours: row.directory.staleAfterHours,
      },
      lastEndUserActivityAt: row.last_end_user_activity_at,
    },
  };
}
