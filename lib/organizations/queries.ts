import type { Db, DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import type { Prisma } from '@/lib/generated/prisma/client';
import { pageInfo } from '@/lib/pagination';
import { lastEndUserActivityAt } from './activity';
import { countByFilter, getFilter } from './filters';
import { catchUpOrganizationStates } from './recompute';
import { encodeListCursor, type ListCursor, ORGANIZATIONS_PAGE_SIZE, type OrganizationListQuery } from './schemas';
import { ORGANIZATION_STATES, type OrganizationStateName, type StateReason } from './state';

function searchWhere(q: string): Prisma.OrganizationWhereInput {
  if (!q) return {};
  const pattern = escapeLike(q);
  return {
    OR: [{ name: { contains: pattern, mode: 'insensitive' } }, { slug: { contains: pattern, mode: 'insensitive' } }],
  };
}

/** Rows strictly after (older than) or before (newer than) a cursor, newest first. */
function cursorWhere(cursor: ListCursor, direction: 'after' | 'before'): Prisma.OrganizationWhereInput {
  const op = direction === 'after' ? 'lt' : 'gt';
  return {
    // The inclusive bound lets PostgreSQL start an index range scan at the cursor; the OR
    // then settles ties on created_at by id.
    createdAt: { [direction === 'after' ? 'lte' : 'gte']: cursor.createdAt },
    OR: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }],
  };
}

export type OrganizationListRow = {
  id: string;
  name: string;
  slug: string;
  state: OrganizationStateName;
  memberCount: number;
  pendingInvitationCount: number;
  verifiedDomainCount: number;
  createdAt: Date;
  /** The stored reasons, most important first (the rules' order). */
  stateReasons: StateReason[];
};

/** Per-state counts: the trigger-maintained counters, or a grouped count over the search's matches. */
async function countStates(client: Db, q: string): Promise<Record<OrganizationStateName, number>> {
  const counts = Object.fromEntries(ORGANIZATION_STATES.map((state) => [state, 0])) as Record<OrganizationStateName, number>;
  if (!q) {
    for (const row of await client.organizationStateCount.findMany()) counts[row.state] = Number(row.count);
    return counts;
  }
  const groups = await client.organization.groupBy({ by: ['state'], where: searchWhere(q), _count: { _all: true } });
  for (const group of groups) counts[group.state] = group._count._all;
  return counts;
}

/** The organizations page: one page of rows for the chip and search, plus every chip's count. */
export async function listOrganizations(client: Db, query: OrganizationListQuery, now: Date) {
  await catchUpOrganizationStates(client, now);
  const filter = getFilter(query.filter);
  const direction = query.before && !query.after ? 'before' : 'after';
  const cursor = direction === 'before' ? query.before : query.after;
  const where: Prisma.OrganizationWhereInput = {
    AND: [
      searchWhere(query.q),
      filter.id === 'all' ? {} : { state: { in: [...filter.states] } },
      cursor ? cursorWhere(cursor, direction) : {},
    ],
  };
  const order = direction === 'after' ? 'desc' : 'asc';
  const [stateCounts, fetched] = await Promise.all([
    countStates(client, query.q),
    client.organization.findMany({
      where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: ORGANIZATIONS_PAGE_SIZE + 1,
      select: {
        id: true,
        name: true,
        slug: true,
        state: true,
        memberCount: true,
        pendingInvitationCount: true,
        verifiedDomainCount: true,
        createdAt: true,
        stateReasons: true,
      },
    }),
  ]);
  const hasMore = fetched.length > ORGANIZATIONS_PAGE_SIZE;
  const page = fetched.slice(0, ORGANIZATIONS_PAGE_SIZE);
  const rows = (direction === 'after' ? page : page.reverse()) as OrganizationListRow[];
  const counts = countByFilter(stateCounts);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    counts,
    total: counts[filter.id],
    pageSize: ORGANIZATIONS_PAGE_SIZE,
    previousCursor: first && (direction === 'after' ? Boolean(cursor) : hasMore) ? encodeListCursor(first) : null,
    nextCursor: last && (direction === 'after' ? hasMore : true) ? encodeListCursor(last) : null,
  };
}

export type OrganizationLookup =
  | { kind: 'found'; organization: NonNullable<Awaited<ReturnType<typeof getOrganizationDetail>>> }
  | { kind: 'redirect'; slug: string }
  | { kind: 'missing' };

/** Finds an organization by its slug, or by an old slug that now redirects. */
export async function findOrganizationBySlug(client: Db, slug: string, now: Date): Promise<OrganizationLookup> {
  const current = await client.organization.findUnique({ where: { slug }, select: { id: true } });
  if (current) {
    const organization = await getOrganizationDetail(client, current.id, now);
    if (organization) return { kind: 'found', organization };
  }
  const redirect = await client.organizationSlugRedirect.findUnique({
    where: { slug },
    select: { organization: { select: { slug: true } } },
  });
  if (redirect) return { kind: 'redirect', slug: redirect.organization.slug };
  return { kind: 'missing' };
}

/** The name behind a current slug, for the page title; null for an unknown or retired slug. */
export async function organizationNameBySlug(client: Db, slug: string): Promise<string | null> {
  const organization = await client.organization.findUnique({ where: { slug }, select: { name: true } });
  return organization?.name ?? null;
}

/** Rows per page of an organization's members and invitations. */
export const DETAIL_PAGE_SIZE = 50;

/** One organization's members, oldest first, a numbered page at a time. */
export async function listMembers(client: DbOrTx, organizationId: string, requestedPage: number) {
  const total = await client.membership.count({ where: { organizationId } });
  const page = pageInfo(requestedPage, DETAIL_PAGE_SIZE, total);
  const rows = await client.membership.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip: page.skip,
    take: DETAIL_PAGE_SIZE,
    include: { user: { select: { email: true, name: true } } },
  });
  return { rows, page };
}

/** Everything the detail page shows, including the facts its state was derived from. */
export async function getOrganizationDetail(client: Db, organizationId: string, now: Date) {
  await catchUpOrganizationStates(client, now, { organizationId });
  const organization = await client.organization.findUnique({
    where: { id: organizationId },
    include: {
      domains: { orderBy: { name: 'asc' } },
      ssoConnection: true,
      directory: true,
      _count: { select: { memberships: true, invitations: { where: { isTest: false } } } },
    },
  });
  if (!organization) return null;
  return {
    ...organization,
    stateReasons: organization.stateReasons as unknown as StateReason[],
    lastEndUserActivityAt: await lastEndUserActivityAt(client, organizationId),
  };
}
