import type { Db, DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fetchNumberedPage } from '@/lib/pagination';
import { countByFilter, getFilter } from './filters';
import { catchUpOrganizationStates } from './recompute';
import { type OrganizationRef, ofOrganization } from './ref';
import {
  decodeListCursor,
  defaultSort,
  encodeListCursor,
  type ListCursor,
  ORGANIZATIONS_PAGE_SIZE,
  type OrganizationListQuery,
  type OrganizationSort,
} from './schemas';
import { ORGANIZATION_STATES, type OrganizationStateName, type StateReason } from './state';

function searchWhere(q: string): Prisma.OrganizationWhereInput {
  if (!q) return {};
  const pattern = escapeLike(q);
  return {
    OR: [{ name: { contains: pattern, mode: 'insensitive' } }, { slug: { contains: pattern, mode: 'insensitive' } }],
  };
}

type SortField = 'createdAt' | 'name' | 'lastActivityAt' | 'launchRank';
type Movement = 'after' | 'before';

/** Each sort's key, and its direction in the list. Severity sorts by state, then newest first. */
const SORT_KEYS: Record<OrganizationSort, { field: SortField; direction: 'asc' | 'desc' }> = {
  severity: { field: 'createdAt', direction: 'desc' },
  created: { field: 'createdAt', direction: 'desc' },
  name: { field: 'name', direction: 'asc' },
  activity: { field: 'lastActivityAt', direction: 'desc' },
  // Checks left to pass, fewest first; launched organizations last (lib/organizations/launch.ts).
  launch: { field: 'launchRank', direction: 'asc' },
};

/** The list's severity order: the states that need the builder most come first. */
export const SEVERITY_ORDER: readonly OrganizationStateName[] = ['needs_attention', 'setup', 'pending', 'ready', 'active'];

function keyValue(field: SortField, raw: string): string | number | Date | null {
  if (field === 'name') return raw;
  if (field === 'launchRank') return /^\d{1,4}$/.test(raw) ? Number(raw) : null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Rows strictly past a cursor, in the list's order (after) or against it (before). */
function cursorWhere(field: SortField, direction: 'asc' | 'desc', cursor: ListCursor, movement: Movement): Prisma.OrganizationWhereInput {
  const value = keyValue(field, cursor.value);
  if (value === null) return {};
  const op = (direction === 'desc') === (movement === 'after') ? 'lt' : 'gt';
  return {
    // The inclusive bound lets PostgreSQL start an index range scan at the cursor; the OR then
    // settles ties on the key by id.
    [field]: { [op === 'lt' ? 'lte' : 'gte']: value },
    OR: [{ [field]: { [op]: value } }, { [field]: value, id: { [op]: cursor.id } }],
  };
}

const LIST_SELECT = {
  id: true,
  name: true,
  slug: true,
  status: true,
  state: true,
  memberCount: true,
  pendingInvitationCount: true,
  verifiedDomainCount: true,
  createdAt: true,
  lastActivityAt: true,
  stateReasons: true,
  launchPassed: true,
  launchApplicable: true,
  launchFailing: true,
  launchedAt: true,
  launchRank: true,
} satisfies Prisma.OrganizationSelect;

export type OrganizationListRow = {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  state: OrganizationStateName;
  memberCount: number;
  pendingInvitationCount: number;
  verifiedDomainCount: number;
  createdAt: Date;
  lastActivityAt: Date;
  /** The stored reasons, most important first (the rules' order). */
  stateReasons: StateReason[];
  launchPassed: number;
  launchApplicable: number;
  launchFailing: string[];
  launchedAt: Date | null;
  launchRank: number;
};

/**
 * A search counts its matches up to this many, no further: past it the chips show lower bounds
 * ("1,000+"), so a very common term costs a bounded read instead of visiting every match.
 */
export const SEARCH_COUNT_CAP = 1000;

type StateCounts = { counts: Record<OrganizationStateName, number>; capped: boolean };

/**
 * Per-state counts: the trigger-maintained counters, or the search's matches counted up to `cap`.
 * Capped, each count is a lower bound (the states of the first `cap` matches found).
 */
async function countStates(client: Db, q: string, cap: number): Promise<StateCounts> {
  const counts = Object.fromEntries(ORGANIZATION_STATES.map((state) => [state, 0])) as Record<OrganizationStateName, number>;
  if (!q) {
    // Each state's count is spread over slots (no hot row for writers): the sum is the count.
    const slots = await client.organizationStateCount.groupBy({ by: ['state'], _sum: { count: true } });
    for (const row of slots) counts[row.state] = Number(row._sum.count ?? 0);
    return { counts, capped: false };
  }
  const pattern = `%${escapeLike(q)}%`;
  const groups = await client.$queryRaw<{ state: OrganizationStateName; count: number }[]>`
    SELECT state::text AS state, count(*)::int AS count
    FROM (SELECT state FROM organizations WHERE name ILIKE ${pattern} OR slug ILIKE ${pattern} LIMIT ${cap + 1}) matches
    GROUP BY state`;
  let total = 0;
  for (const group of groups) {
    counts[group.state] = group.count;
    total += group.count;
  }
  if (total <= cap) return { counts, capped: false };
  // One match past the cap only proves there are more: drop it from a state, so the All chip says
  // exactly the cap ("1,000+").
  const over = ORGANIZATION_STATES.find((state) => counts[state] > 0)!;
  counts[over] -= 1;
  return { counts, capped: true };
}

/**
 * The organizations page: one page of rows for the chip, search and sort, plus every chip's count.
 * Keyset pagination in every sort, each read from an index. Sorted by severity, the states are
 * read one after another in severity order, each from its (state, created_at) index, until the
 * page is full.
 */
export async function listOrganizations(client: Db, query: OrganizationListQuery, now: Date, countCap = SEARCH_COUNT_CAP) {
  // The catch-up probe runs beside the page's queries, not before them; in the rare case that it
  // recomputed something, the page is read again.
  const [caughtUp, list] = await Promise.all([catchUpOrganizationStates(client, now), readOrganizationList(client, query, countCap)]);
  return caughtUp > 0 ? readOrganizationList(client, query, countCap) : list;
}

async function readOrganizationList(client: Db, query: OrganizationListQuery, countCap: number) {
  const filter = getFilter(query.filter);
  const sort = query.sort ?? defaultSort(query.filter);
  const { field, direction } = SORT_KEYS[sort];
  const movement: Movement = query.before && !query.after ? 'before' : 'after';
  const cursor = decodeListCursor(movement === 'before' ? query.before : query.after);
  const order = (direction === 'desc') === (movement === 'after') ? 'desc' : 'asc';
  const take = ORGANIZATIONS_PAGE_SIZE + 1;
  const launchWhere: Prisma.OrganizationWhereInput = query.launch === 'ready' ? { launchRank: 0 } : {};

  const fetch = (states: readonly OrganizationStateName[] | null, from: ListCursor | undefined, limit: number) =>
    client.organization.findMany({
      where: {
        AND: [
          searchWhere(query.q),
          states ? { state: states.length === 1 ? states[0] : { in: [...states] } } : {},
          launchWhere,
          from ? cursorWhere(field, direction, from, movement) : {},
        ],
      },
      orderBy: [{ [field]: order }, { id: order }],
      take: limit,
      select: LIST_SELECT,
    });

  const fetchRows = async () => {
    if (sort !== 'severity') return fetch(filter.id === 'all' ? null : filter.states, cursor, take);
    // Severity: walk the chip's states in order (backwards for a previous page) from the cursor's.
    const states = SEVERITY_ORDER.filter((state) => (filter.states as readonly string[]).includes(state));
    const ordered = movement === 'after' ? states : [...states].reverse();
    const startAt = cursor?.state && ordered.includes(cursor.state) ? ordered.indexOf(cursor.state) : 0;
    const rows: Awaited<ReturnType<typeof fetch>> = [];
    for (let index = startAt; index < ordered.length && rows.length < take; index++) {
      rows.push(...(await fetch([ordered[index]!], index === startAt && cursor?.state ? cursor : undefined, take - rows.length)));
    }
    return rows;
  };

  // Ready to launch: the chip's organizations whose every applicable check passes, counted up to the cap.
  const countReady = () =>
    client.organization.count({
      where: { AND: [searchWhere(query.q), filter.id === 'all' ? {} : { state: { in: [...filter.states] } }, launchWhere] },
      take: countCap + 1,
    });
  const [stateCounts, fetched, ready] = await Promise.all([
    countStates(client, query.q, countCap),
    fetchRows(),
    query.launch === 'ready' ? countReady() : null,
  ]);
  const hasMore = fetched.length > ORGANIZATIONS_PAGE_SIZE;
  const page = fetched.slice(0, ORGANIZATIONS_PAGE_SIZE);
  const rows = (movement === 'after' ? page : page.reverse()) as OrganizationListRow[];
  const counts = countByFilter(stateCounts.counts);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const cursorOf = (row: OrganizationListRow) =>
    encodeListCursor({
      state: sort === 'severity' ? row.state : undefined,
      value: field === 'name' ? row.name : field === 'launchRank' ? String(row.launchRank) : row[field].toISOString(),
      id: row.id,
    });
  return {
    rows,
    sort,
    counts,
    total: ready === null ? counts[filter.id] : Math.min(ready, countCap),
    /** The counts are lower bounds: the search matched more than the cap. */
    countsCapped: ready === null ? stateCounts.capped : ready > countCap,
    pageSize: ORGANIZATIONS_PAGE_SIZE,
    previousCursor: first && (movement === 'after' ? Boolean(cursor) : hasMore) ? cursorOf(first) : null,
    nextCursor: last && (movement === 'after' ? hasMore : true) ? cursorOf(last) : null,
  };
}

export type OrganizationLookup =
  | { kind: 'found'; organization: NonNullable<Awaited<ReturnType<typeof getOrganizationDetail>>> }
  | { kind: 'redirect'; slug: string }
  | { kind: 'missing' };

/**
 * Finds an organization by its slug (its detail, in one query), or by an old slug that now
 * redirects (a second query, only when the slug isn't current).
 */
export async function findOrganizationBySlug(client: Db, slug: string, now: Date): Promise<OrganizationLookup> {
  const organization = await loadOrganizationDetail(client, { slug }, now);
  if (organization) return { kind: 'found', organization };
  const redirect = await client.organizationSlugRedirect.findUnique({
    where: { slug },
    select: { organization: { select: { slug: true } } },
  });
  if (redirect) return { kind: 'redirect', slug: redirect.organization.slug };
  return { kind: 'missing' };
}

/** Rows per page of an organization's members and invitations. */
export const DETAIL_PAGE_SIZE = 50;

/** One page of an organization's members, oldest first, matching `search` in the address or name. */
export async function listMembers(client: DbOrTx, organization: OrganizationRef, requestedPage: number, search = '') {
  const pattern = escapeLike(search);
  const where: Prisma.MembershipWhereInput = search
    ? {
        ...ofOrganization(organization),
        user: {
          OR: [{ email: { contains: pattern, mode: 'insensitive' } }, { name: { contains: pattern, mode: 'insensitive' } }],
        },
      }
    : ofOrganization(organization);
  return fetchNumberedPage(
    requestedPage,
    DETAIL_PAGE_SIZE,
    (skip) =>
      client.membership.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip,
        take: DETAIL_PAGE_SIZE,
        include: { user: { select: { email: true, name: true } }, roleRef: { select: { name: true, operatingTeam: true } } },
      }),
    () => client.membership.count({ where }),
  );
}

/** Everything the detail page shows, including the facts its state was derived from. */
export function getOrganizationDetail(client: Db, organizationId: string, now: Date) {
  return loadOrganizationDetail(client, { id: organizationId }, now);
}

/**
 * The organization with its domains, connections and counts, in one query. Its last end-user
 * activity is stored on its row by every recompute, beside the state derived from it.
 */
async function loadOrganizationDetail(client: Db, where: { id: string } | { slug: string }, now: Date) {
  const load = () =>
    client.organization.findUnique({
      where,
      include: {
        domains: { orderBy: { name: 'asc' } },
        autoJoinRoleRef: { select: { name: true } },
        ssoConnections: { select: { id: true, name: true, protocol: true, provider: true, enabled: true, status: true } },
        directory: true,
        // Created from a directory group: its source, shown in the workspace's header.
        sourceGroup: { select: { displayName: true, directory: { select: { organization: { select: { name: true, slug: true } } } } } },
        _count: { select: { memberships: true, invitations: { where: { isTest: false } } } },
      },
    });
  let organization = await load();
  // A stored state whose validity ran out (the scheduler hasn't caught up yet) is recomputed first.
  if (organization?.stateValidUntil && organization.stateValidUntil <= now) {
    await catchUpOrganizationStates(client, now, { organizationId: organization.id });
    organization = await load();
  }
  if (!organization) return null;
  return {
    ...organization,
    stateReasons: organization.stateReasons as unknown as StateReason[],
    lastEndUserActivityAt: organization.endUserActivityAt,
  };
}

/**
 * What the Overview's fixes act on: the pending invitation behind each undeliverable-invitation
 * reason, and each domain by name.
 */
export async function fixTargetsFor(
  client: DbOrTx,
  organization: { id: string; slug: string; stateReasons: StateReason[]; domains: { id: string; name: string }[] },
  now: Date,
) {
  const emails = organization.stateReasons.flatMap((reason) =>
    reason.code === 'invitation_bounced' || reason.code === 'invitation_delivery_failed' ? [reason.email] : [],
  );
  const invitations = emails.length
    ? await client.invitation.findMany({
        where: { organizationId: organization.id, email: { in: emails }, status: 'pending', isTest: false, expiresAt: { gt: now } },
        select: { id: true, email: true },
      })
    : [];
  return {
    organizationId: organization.id,
    slug: organization.slug,
    invitationIds: Object.fromEntries(invitations.map((invitation) => [invitation.email, invitation.id])),
    domainIds: Object.fromEntries(organization.domains.map((domain) => [domain.name, domain.id])),
  };
}
