import { z } from 'zod';
import { ACTOR_KINDS } from '@/lib/audit/queries';
import { verificationRecord } from '@/lib/domains/normalize';
import type { Domain, Invitation } from '@/lib/generated/prisma/client';
import { effectiveInvitationStatus, ORGANIZATION_STATES } from '@/lib/organizations/state';

/**
 * What the REST API answers, as zod schemas: the OpenAPI document's components are generated from
 * them (lib/api/openapi.ts), and the integration tests check every endpoint's real answers against
 * them. Each serializer below builds one from database rows, in stable camelCase names.
 */
const id = z.uuid();
const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();

export const organizationResource = z
  .object({
    id,
    name: z.string(),
    slug: z.string(),
    state: z.enum(ORGANIZATION_STATES).describe('Setup, Pending, Ready (for first end users), Active or Needs attention.'),
    stateReasons: z
      .array(z.looseObject({ code: z.string() }))
      .describe('Why the organization is in its state, each with a stable code (for example invitation_bounced).'),
    status: z.enum(['active', 'suspended']),
    memberCount: z.int().min(0),
    createdAt: timestamp,
    lastActivityAt: nullableTimestamp.describe('The latest end-user activity: a sign-in, an accepted invitation, a report from the app.'),
    launchedAt: nullableTimestamp,
  })
  .meta({ id: 'Organization' });

export const memberResource = z
  .object({
    id: id.describe('The membership’s id.'),
    userId: id.describe('The person’s id: the `sub` of the ID tokens Orgdesk issues.'),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string().describe('A role key: owner, admin, member, or a custom role.'),
    status: z.enum(['active', 'suspended']),
    joinedVia: z.enum(['invitation', 'auto_join', 'sso', 'directory', 'api']),
    lastSignInAt: nullableTimestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'Member' });

export const memberAccessResource = z
  .object({
    userId: id,
    email: z.string(),
    membershipId: id,
    role: z.string(),
    status: z.enum(['active', 'suspended']),
    organizationSuspended: z.boolean(),
    permissions: z
      .array(z.string())
      .describe('Effective permissions from the role and the member’s groups, including the app’s own keys. Empty while suspended.'),
  })
  .meta({ id: 'MemberAccess' });

export const invitationResource = z
  .object({
    id,
    email: z.string(),
    role: z.string(),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    deliveryStatus: z.enum(['queued', 'sent', 'failed', 'bounced']),
    deliveryError: z.string().nullable(),
    expiresAt: timestamp,
    lastSentAt: nullableTimestamp,
    acceptedAt: nullableTimestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'Invitation' });

export const invitationReviewRowResource = z
  .object({
    input: z.string().describe('The address as sent.'),
    address: z.string().nullable().describe('The normalized address, or null when it can’t be read.'),
    status: z.enum(['ready', 'invalid', 'duplicate', 'member', 'pending']),
    reason: z.string().nullable(),
    warnings: z
      .array(z.enum(['outside_verified_domains', 'consumer_domain']))
      .describe('Warned addresses are sent only when listed in `confirm`.'),
  })
  .meta({ id: 'InvitationReviewRow' });

export const domainResource = z
  .object({
    id,
    name: z.string(),
    status: z.enum(['pending', 'verified', 'failed']),
    includeSubdomains: z.boolean(),
    verifiedAt: nullableTimestamp,
    lastCheckedAt: nullableTimestamp,
    lastCheckResult: z.string().nullable(),
    verificationRecord: z
      .object({ type: z.literal('TXT'), name: z.string(), value: z.string() })
      .nullable()
      .describe('The DNS record that proves control of the domain.'),
    createdAt: timestamp,
  })
  .meta({ id: 'Domain' });

export const roleResource = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    operatingTeam: z.boolean().describe('Whether members with this role count as the organization’s operating team.'),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Role' });

export const permissionResource = z
  .object({
    key: z.string(),
    description: z.string(),
    kind: z.enum(['console', 'app']).describe('Orgdesk’s own permission, or one of the app’s own keys.'),
  })
  .meta({ id: 'Permission' });

export const auditEventResource = z
  .object({
    id,
    occurredAt: timestamp,
    organizationId: id.nullable(),
    action: z.string(),
    actor: z.object({ kind: z.enum([...ACTOR_KINDS, 'invitation_link']), id: z.string().nullable(), email: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    summary: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const activityResource = z
  .object({
    recordedAt: timestamp.describe('When the activity happened, as recorded.'),
    state: z.enum(ORGANIZATION_STATES).describe('The organization’s state after the activity: Active once end users are active.'),
  })
  .meta({ id: 'ActivityRecorded' });

export const errorResource = z
  .object({
    error: z.string().describe('A stable code from the error registry, for example not_found or invalid_input.'),
    message: z.string().describe('What went wrong and what to do next, for a person.'),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe('Per field, what is wrong with it.'),
  })
  .meta({ id: 'Error' });

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null | undefined) => value?.toISOString() ?? null;

export function apiOrganization(row: {
  id: string;
  name: string;
  slug: string;
  state: string;
  stateReasons?: unknown;
  status: string;
  memberCount: number;
  createdAt: Date;
  lastActivityAt: Date | null;
  launchedAt: Date | null;
}): z.infer<typeof organizationResource> {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    state: row.state as z.infer<typeof organizationResource>['state'],
    stateReasons: Array.isArray(row.stateReasons) ? row.stateReasons : [],
    status: row.status as 'active' | 'suspended',
    memberCount: row.memberCount,
    createdAt: iso(row.createdAt),
    lastActivityAt: isoOrNull(row.lastActivityAt),
    launchedAt: isoOrNull(row.launchedAt),
  };
}

export function apiMember(row: {
  id: string;
  userId: string;
  role: string;
  status: string;
  joinedVia: string;
  lastSignInAt: Date | null;
  createdAt: Date;
  user: { email: string; name: string | null };
}): z.infer<typeof memberResource> {
  return {
    id: row.id,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    status: row.status as 'active' | 'suspended',
    joinedVia: row.joinedVia as z.infer<typeof memberResource>['joinedVia'],
    lastSignInAt: isoOrNull(row.lastSignInAt),
    createdAt: iso(row.createdAt),
  };
}

export function apiInvitation(
  row: Pick<
    Invitation,
    'id' | 'email' | 'role' | 'status' | 'deliveryStatus' | 'deliveryError' | 'expiresAt' | 'lastSentAt' | 'acceptedAt' | 'createdAt'
  >,
  now: Date,
): z.infer<typeof invitationResource> {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: effectiveInvitationStatus(row, now),
    deliveryStatus: row.deliveryStatus,
    deliveryError: row.deliveryError,
    expiresAt: iso(row.expiresAt),
    lastSentAt: isoOrNull(row.lastSentAt),
    acceptedAt: isoOrNull(row.acceptedAt),
    createdAt: iso(row.createdAt),
  };
}

export function apiDomain(
  row: Pick<
    Domain,
    'id' | 'name' | 'status' | 'includeSubdomains' | 'verificationToken' | 'verifiedAt' | 'lastCheckedAt' | 'lastCheckResult' | 'createdAt'
  >,
): z.infer<typeof domainResource> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    includeSubdomains: row.includeSubdomains,
    verifiedAt: isoOrNull(row.verifiedAt),
    lastCheckedAt: isoOrNull(row.lastCheckedAt),
    lastCheckResult: row.lastCheckResult,
    verificationRecord: row.verificationToken ? { type: 'TXT', ...verificationRecord(row.name, row.verificationToken) } : null,
    createdAt: iso(row.createdAt),
  };
}

export function apiAuditEvent(row: {
  id: string;
  occurredAt: Date;
  organizationId: string | null;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  summary: unknown;
  requestId: string | null;
}): z.infer<typeof auditEventResource> {
  return {
    id: row.id,
    occurredAt: iso(row.occurredAt),
    organizationId: row.organizationId,
    action: row.action,
    actor: { kind: row.actorKind as z.infer<typeof auditEventResource>['actor']['kind'], id: row.actorId, email: row.actorEmail },
    target: { type: row.targetType, id: row.targetId, label: row.targetLabel },
    summary: row.summary && typeof row.summary === 'object' && !Array.isArray(row.summary) ? (row.summary as Record<string, unknown>) : {},
    requestId: row.requestId,
  };
}
