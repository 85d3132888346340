import type { DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import { isConsumerMailDomain } from '@/lib/domains/consumer';
import type { Prisma } from '@/lib/generated/prisma/client';
import { pageInfo } from '@/lib/pagination';
import type { ReviewContext } from './review';
import type { InvitationStatusFilter } from './schemas';

/** What the review step checks addresses against, read inside the caller's transaction. */
export async function loadReviewContext(tx: DbOrTx, organizationId: string, now: Date): Promise<ReviewContext> {
  const [members, pending, domains] = await Promise.all([
    tx.membership.findMany({ where: { organizationId }, select: { user: { select: { email: true } } } }),
    tx.invitation.findMany({
      where: { organizationId, isTest: false, status: 'pending', expiresAt: { gt: now } },
      select: { email: true },
    }),
    tx.domain.findMany({ where: { organizationId, status: 'verified' }, select: { name: true, includeSubdomains: true } }),
  ]);
  return {
    memberEmails: new Set(members.map((m) => m.user.email)),
    pendingEmails: new Set(pending.map((i) => i.email)),
    verifiedDomains: domains,
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
  const [total, lastTest] = await Promise.all([
    client.invitation.count({ where }),
    client.invitation.findFirst({
      where: { organizationId, isTest: true },
      orderBy: { createdAt: 'desc' },
      select: { email: true, createdAt: true, deliveryStatus: true, lastSentAt: true, deliveryError: true },
    }),
  ]);
  const page = pageInfo(view.page ?? 1, INVITATION_PAGE_SIZE, total);
  const rows = await client.invitation.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: page.skip,
    take: INVITATION_PAGE_SIZE,
    include: { acceptedBy: { select: { email: true } }, roleRef: { select: { name: true } } },
  });
  return { rows, page, lastTest };
}
