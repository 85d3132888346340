import type { GrantableRole } from '@/lib/access/permissions';
import type { RoleKey } from '@/lib/access/roles';
import type { DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import { consumerDomainCheck } from '@/lib/domains/consumer';
import type { Prisma } from '@/lib/generated/prisma/client';
import { type OrganizationRef, ofOrganization } from '@/lib/organizations/ref';
import { fetchNumberedPage } from '@/lib/pagination';
import type { ReviewContext } from './review';
import type { InvitationStatusFilter } from './schemas';

/**
 * What the review step checks addresses against, in one statement: the members' and pending
 * invitees' addresses, the verified domains, and the role to give (with its permissions, for the
 * grant rule). It also names the expired pending invitations a send supersedes. A send reads it
 * under the organization's row lock, taken by an earlier statement. Null when the organization is
 * gone.
 */
export async function loadReviewContext(
  tx: DbOrTx,
  organizationId: string,
  roleKey: RoleKey,
  now: Date,
): Promise<(ReviewContext & { role: GrantableRole | null; expiredPendingEmails: Set<string> }) | null> {
  const rows = await tx.$queryRaw<
    {
      member_emails: string[];
      pending_emails: string[];
      expired_emails: string[];
      domains: { name: string; includeSubdomains: boolean }[];
      role: { key: string; name: string; organizationId: string | null; permissions: string[] } | null;
    }[]
  >`
    SELECT
      (SELECT coalesce(array_agg(u.email), '{}') FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = o.id) AS member_emails,
      (SELECT coalesce(array_agg(i.email) FILTER (WHERE i.expires_at > ${now}), '{}') FROM invitations i
         WHERE i.organization_id = o.id AND NOT i.is_test AND i.status = 'pending') AS pending_emails,
      (SELECT coalesce(array_agg(i.email) FILTER (WHERE i.expires_at <= ${now}), '{}') FROM invitations i
         WHERE i.organization_id = o.id AND NOT i.is_test AND i.status = 'pending') AS expired_emails,
      (SELECT coalesce(json_agg(json_build_object('name', d.name, 'includeSubdomains', d.include_subdomains)), '[]'::json)
         FROM domains d WHERE d.organization_id = o.id AND d.status = 'verified') AS domains,
      (SELECT json_build_object('key', r.key, 'name', r.name, 'organizationId', r.organization_id,
         'permissions', coalesce((SELECT json_agg(rp.permission_key ORDER BY rp.permission_key) FROM role_permissions rp
           WHERE rp.role_key = r.key), '[]'::json))
         FROM roles r WHERE r.key = ${roleKey}) AS role
    FROM organizations o WHERE o.id = ${organizationId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  return {
    memberEmails: new Set(row.member_emails),
    pendingEmails: new Set(row.pending_emails),
    expiredPendingEmails: new Set(row.expired_emails),
    verifiedDomains: row.domains,
    isConsumerDomain: await consumerDomainCheck(),
    role: row.role,
  };
}

export const INVITATION_PAGE_SIZE = 50;

export function invitationStatusWhere(filter: InvitationStatusFilter, now: Date): Prisma.InvitationWhereInput {
  switch (filter) {
    case 'pending':
      return { status: 'pending', expiresAt: { gt: now } };
    case 'expired':
      return { OR: [{ status: 'expired' }, { status: 'pending', expiresAt: { lte: now } }] };
    case 'accepted':
      return { status: 'accepted' };
    case 'revoked':
      return { status: 'revoked' };
    default:
      return {};
  }
}

/** The invitation list on the organization page, newest first, filtered by effective status and address, a numbered page at a time. */
export async function listInvitations(
  client: DbOrTx,
  organization: OrganizationRef,
  view: { filter: InvitationStatusFilter; search?: string; page?: number },
  now: Date,
) {
  const where: Prisma.InvitationWhereInput = {
    ...ofOrganization(organization),
    isTest: false,
    ...invitationStatusWhere(view.filter, now),
    ...(view.search ? { email: { contains: escapeLike(view.search), mode: 'insensitive' } } : {}),
  };
  const [{ rows, page }, lastTest] = await Promise.all([
    fetchNumberedPage(
      view.page ?? 1,
      INVITATION_PAGE_SIZE,
      (skip) =>
        client.invitation.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip,
          take: INVITATION_PAGE_SIZE,
          include: { acceptedBy: { select: { email: true } }, roleRef: { select: { name: true } } },
        }),
      () => client.invitation.count({ where }),
    ),
    client.invitation.findFirst({
      where: { ...ofOrganization(organization), isTest: true },
      orderBy: { createdAt: 'desc' },
      select: { email: true, createdAt: true, deliveryStatus: true, lastSentAt: true, deliveryError: true },
    }),
  ]);
  return { rows, page, lastTest };
}
