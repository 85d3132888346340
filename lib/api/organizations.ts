import type { Db } from '@/lib/db/client';
import { listOrganizations } from '@/lib/organizations/queries';
import { organizationListQuerySchema } from '@/lib/organizations/schemas';
import type { ApiCall } from './http';

/** An organization as the REST API answers it: what the app needs, in stable names. */
export function apiOrganization(row: {
  id: string;
  name: string;
  slug: string;
  state: string;
  stateReasons?: unknown;
  createdAt: Date;
  lastActivityAt: Date | null;
  launchedAt: Date | null;
  status?: string;
  memberCount?: number;
}) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    state: row.state,
    stateReasons: row.stateReasons ?? [],
    ...(row.status ? { status: row.status } : {}),
    ...(row.memberCount !== undefined ? { memberCount: row.memberCount } : {}),
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    launchedAt: row.launchedAt?.toISOString() ?? null,
  };
}

const ORGANIZATION_SELECT = {
  id: true,
  name: true,
  slug: true,
  status: true,
  state: true,
  stateReasons: true,
  memberCount: true,
  createdAt: true,
  lastActivityAt: true,
  launchedAt: true,
} as const;

/** One organization the key may reach, by id; null for one it can't (which answers "not found"). */
export async function apiOrganizationById(client: Db, call: ApiCall, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (call.principal.organizationId !== null && call.principal.organizationId !== id) return null;
  const row = await client.organization.findUnique({ where: { id }, select: ORGANIZATION_SELECT });
  return row ? apiOrganization(row) : null;
}

/**
 * The organizations a key reaches, a page at a time: `filter` (needs-action, waiting, ready,
 * live, all), `q` (name or slug), `cursor` (the previous page's `nextCursor`). A key restricted
 * to one organization lists that one.
 */
export async function apiOrganizationList(client: Db, call: ApiCall) {
  const params = call.url.searchParams;
  if (call.principal.organizationId !== null) {
    const only = await apiOrganizationById(client, call, call.principal.organizationId);
    return { data: only ? [only] : [], nextCursor: null };
  }
  const query = organizationListQuerySchema.parse({
    filter: params.get('filter') ?? 'all',
    q: params.get('q') ?? '',
    after: params.get('cursor') ?? undefined,
    sort: 'created',
  });
  const page = await listOrganizations(client, query, call.now);
  return { data: page.rows.map(apiOrganization), nextCursor: page.nextCursor };
}
