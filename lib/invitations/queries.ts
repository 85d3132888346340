import type { DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import { isConsumerMailDomain } from '@/lib/domains/consumer';
import { Prisma } from '@/lib/generated/prisma/client';
import { fetchNumberedPage } from '@/lib/pagination';
import type { ReviewContext } from './review';
import type { InvitationStatusFilter } from './schemas';

/**
 * What the review step checks addresses against, in one statement: the members' and pending
 * invitees' addresses and the verified domains. With `lock`, the same statement takes the
 * organization's row lock (a send reviews once, under it). Null when the organization is gone.
 */
export async function loadReviewContext(tx: DbOrTx, organizationId: string, now: Date, lock = false): Promise<ReviewContext | null> {
  const rows = await tx.$queryRaw<
    { member_emails: string[]; pending_emails: string[]; domains: { name: string; includeSubdomains: boolean }[] }[]
  >`
    SELECT
      (SELECT coalesce(array_agg(u.email), '{}') FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = o.id) AS member_emails,
      (SELECT coalesce(array_agg(i.email), '{}') FROM invitations i
         WHERE i.organization_id = o.id AND NOT i.is_test AND i.status = 'pending' AND i.expires_at > ${now}) AS pending_emails,
      (SELECT coalesce(json_agg(json_build_object('name', d.name, 'includeSubdomains', d.include_subdomains)), '[]'::json)
         FROM domains d WHERE d.organization_id = o.id AND d.status = 'verified') AS domains
    FROM organizations o WHERE o.id = ${organizationId}::uuid
    ${lock ? Prisma.sql`FOR UPDATE OF o` : Prisma.empty}`;
  const row = rows[0];
  if (!row) return null;
  return {
    memberEmails: new Set(row.member_emails),
    pendingEmails: new Set(row.pending_emails),
    verifiedDomains: row.domains,
    isConsumerDomain: isConsumerMailDomain,
  };
}

export const INVITATION_PAGE_SIZE = 50;

function statusWhere(filter: InvitationStatusFilter, now: Date): Prisma.InvitationWhereInput {
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
  organizationId: string,
  view: { filter: InvitationStatusFilter; search?: string; page?: number },
  now: Date,
) {
  const where: Prisma.InvitationWhereInput = {
    organizationId,
    isTest: false,
    ...statusWhere(view.filter, now),
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
      where: { organizationId, isTest: true },
      orderBy: { createdAt: 'desc' },
      select: { email: true, createdAt: true, deliveryStatus: true, lastSentAt: true, deliveryError: true },
    }),
  ]);
  return { rows, page, lastTest };
}
