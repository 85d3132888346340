import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { countByFilter, getFilter } from './filters';
import { catchUpOrganizationStates } from './recompute';
import { ORGANIZATIONS_PAGE_SIZE, type OrganizationListQuery } from './schemas';
import { ORGANIZATION_STATES, type OrganizationStateName, type StateReason } from './state';

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function searchWhere(q: string): Prisma.OrganizationWhereInput {
  if (!q) return {};
  const pattern = escapeLike(q);
  return {
    OR: [
      { name: { contains: pattern, mode: 'insensitive' } },
      { slug: { contains: pattern, mode: 'insensitive' } },
    ],
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
};

/** The organizations page: one page of rows for the chip and search, plus every chip's count. */
export async function listOrganizations(client: Db, query: OrganizationListQuery, now: Date) {
  await catchUpOrganizationStates(client, now);
  const filter = getFilter(query.filter);
  const search = searchWhere(query.q);
  const where: Prisma.OrganizationWhereInput = {
    ...search,
    ...(filter.id === 'all' ? {} : { state: { in: [...filter.states] } }),
  };
  const [groups, rows] = await Promise.all([
    client.organization.groupBy({ by: ['state'], where: search, _count: { _all: true } }),
    client.organization.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * ORGANIZATIONS_PAGE_SIZE,
      take: ORGANIZATIONS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        slug: true,
        state: true,
        memberCount: true,
        pendingInvitationCount: true,
        verifiedDomainCount: true,
        createdAt: true,
      },
    }),
  ]);
  const stateCounts = Object.fromEntries(ORGANIZATION_STATES.map((state) => [state, 0])) as Record<
    OrganizationStateName,
    number
  >;
  for (const group of groups) stateCounts[group.state] = group._count._all;
  const counts = countByFilter(stateCounts);
  const total = counts[filter.id];
  return {
    rows: rows as OrganizationListRow[],
    counts,
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / ORGANIZATIONS_PAGE_SIZE)),
    pageSize: ORGANIZATIONS_PAGE_SIZE,
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

export const DETAIL_LIST_LIMIT = 50;

/** Everything the detail page shows, including the facts its state was derived from. */
export async function getOrganizationDetail(client: Db, organizationId: string, now: Date) {
  await catchUpOrganizationStates(client, now, { organizationId });
  const organization = await client.organization.findUnique({
    where: { id: organizationId },
    include: {
      memberships: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: DETAIL_LIST_LIMIT,
        include: { user: { select: { email: true, name: true } } },
      },
      invitations: {
        where: { isTest: false },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: DETAIL_LIST_LIMIT,
      },
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
    lastEndUserActivityAt: (
      await client.endUserActivity.findFirst({
        where: { organizationId },
        orderBy: { occurredAt: 'desc' },
        select: { occurredAt: true },
      })
    )?.occurredAt ?? null,
  };
}

export async function isSlugTaken(client: Db, slug: string): Promise<boolean> {
  return (await client.organization.count({ where: { slug } })) > 0;
}
