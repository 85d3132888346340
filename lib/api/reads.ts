import { z } from 'zod';
import { memberAccess } from '@/lib/access/permissions';
import { rolesForOrganization } from '@/lib/access/queries';
import { auditQuerySchema, listAuditEvents } from '@/lib/audit/queries';
import type { Db, DbOrTx } from '@/lib/db/client';
import { normalizeEmail } from '@/lib/email/address';
import { invitationStatusWhere } from '@/lib/invitations/queries';
import { invitationStatusFilterSchema } from '@/lib/invitations/schemas';
import { listOrganizations } from '@/lib/organizations/queries';
import { organizationListQuerySchema } from '@/lib/organizations/schemas';
import { encodeTimeIdCursor, timeIdCursorSchema } from '@/lib/pagination';
import { fail, notFound, ok, type Result } from '@/lib/result';
import type { ApiCall } from './http';
import { apiAuditEvent, apiDomain, apiInvitation, apiMember, apiOrganization } from './resources';

/**
 * The REST API's reads: one organization's records a page at a time, by cursor. Every list
 * answers `{ data, nextCursor }`; pass `nextCursor` back as `cursor` for the next page, and
 * `limit` (1 to 100, 50 by default) for its size. A cursor this API didn't give is a 400.
 */
export const API_PAGE_DEFAULT = 50;
export const API_PAGE_MAX = 100;

export type Page<T> = { data: T[]; nextCursor: string | null };

const limitSchema = z.coerce.number().int().min(1).max(API_PAGE_MAX).default(API_PAGE_DEFAULT);
const BAD_CURSOR = 'The cursor is not one this API gave. Start again without it.';

function limitOf(call: ApiCall): Result<number> {
  const parsed = limitSchema.safeParse(call.url.searchParams.get('limit') ?? undefined);
  return parsed.success ? ok(parsed.data) : fail('bad_request', `limit is a whole number from 1 to ${API_PAGE_MAX}.`);
}

/** A page of rows newest first, by (createdAt, id): `where` narrows to the rows after the cursor. */
async function newestFirst<T extends { createdAt: Date; id: string }>(
  call: ApiCall,
  fetch: (after: object, take: number) => Promise<T[]>,
): Promise<Result<{ rows: T[]; nextCursor: string | null }>> {
  const limit = limitOf(call);
  if (!limit.ok) return limit;
  const raw = call.url.searchParams.get('cursor');
  let after = {};
  if (raw) {
    const cursor = timeIdCursorSchema.safeParse(raw);
    if (!cursor.success) return fail('bad_request', BAD_CURSOR);
    const { at, id } = cursor.data;
    after = { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
  }
  const rows = await fetch(after, limit.data + 1);
  const more = rows.length > limit.data;
  const page = more ? rows.slice(0, limit.data) : rows;
  const last = page[page.length - 1];
  return ok({ rows: page, nextCursor: more && last ? encodeTimeIdCursor(last.createdAt, last.id) : null });
}

/** A page of rows by key, A to Z, for catalogs (roles, permissions). */
function byKey<T extends { key: string }>(call: ApiCall, rows: T[]): Result<Page<T>> {
  const limit = limitOf(call);
  if (!limit.ok) return limit;
  const cursor = call.url.searchParams.get('cursor');
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const start = cursor ? sorted.findIndex((row) => row.key > cursor) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const data = rest.slice(0, limit.data);
  return ok({ data, nextCursor: rest.length > limit.data ? data[data.length - 1]!.key : null });
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

/** One organization, by id (the key's reach is checked before any read: lib/api/endpoints.ts). */
export async function readOrganization(client: DbOrTx, id: string) {
  const row = await client.organization.findUnique({ where: { id }, select: ORGANIZATION_SELECT });
  return row ? apiOrganization(row) : null;
}

/**
 * The organizations a key reaches: `filter` (needs-action, waiting, ready, live, all), `q` (name
 * or slug), `cursor`. A key restricted to one organization lists that one.
 */
export async function readOrganizations(client: Db, call: ApiCall): Promise<Result<Page<ReturnType<typeof apiOrganization>>>> {
  if (call.principal.organizationId !== null) {
    const only = await readOrganization(client, call.principal.organizationId);
    return ok({ data: only ? [only] : [], nextCursor: null });
  }
  const params = call.url.searchParams;
  const query = organizationListQuerySchema.parse({
    filter: params.get('filter') ?? 'all',
    q: params.get('q') ?? '',
    after: params.get('cursor') ?? undefined,
    sort: 'created',
  });
  const page = await listOrganizations(client, query, call.now);
  return ok({ data: page.rows.map(apiOrganization), nextCursor: page.nextCursor });
}

async function organizationExists(client: DbOrTx, organizationId: string) {
  return (await client.organization.count({ where: { id: organizationId } })) > 0;
}

/** Reads a page beside the organization's existence: a missing organization is "not found", not an empty list. */
async function inOrganization<T>(client: DbOrTx, organizationId: string, read: Promise<Result<T>>): Promise<Result<T>> {
  const [exists, result] = await Promise.all([organizationExists(client, organizationId), read]);
  return exists ? result : notFound();
}

const MEMBER_INCLUDE = { user: { select: { email: true, name: true } } } as const;

/** Members, newest first; `role`, `status` and `email` narrow the list. */
export async function readMembers(client: DbOrTx, call: ApiCall, organizationId: string) {
  const params = call.url.searchParams;
  const status = params.get('status');
  const role = params.get('role');
  const email = params.get('email');
  return inOrganization(
    client,
    organizationId,
    newestFirst(call, (after, take) =>
      client.membership.findMany({
        where: {
          organizationId,
          ...(status === 'active' || status === 'suspended' ? { status } : {}),
          ...(role ? { role } : {}),
          ...(email ? { user: { email: normalizeEmail(email) ?? email } } : {}),
          ...after,
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
        include: MEMBER_INCLUDE,
      }),
    ).then((page) => (page.ok ? ok({ data: page.data.rows.map(apiMember), nextCursor: page.data.nextCursor }) : page)),
  );
}

export async function readMember(client: DbOrTx, organizationId: string, membershipId: string) {
  const row = await client.membership.findFirst({ where: { id: membershipId, organizationId }, include: MEMBER_INCLUDE });
  return row ? apiMember(row) : null;
}

/** `?userId=` or `?email=`: the person's effective permissions, in one statement. */
export async function readMemberAccess(client: DbOrTx, call: ApiCall, organizationId: string) {
  const userId = call.url.searchParams.get('userId');
  const email = call.url.searchParams.get('email');
  if (userId) {
    if (!z.uuid().safeParse(userId).success) return fail('bad_request', 'userId is a user’s id (a UUID): the `sub` of the ID token.');
    return memberAccess(client, organizationId, { id: userId });
  }
  if (email) {
    const normalized = normalizeEmail(email);
    if (!normalized) return fail('bad_request', 'email is not an email address.');
    return memberAccess(client, organizationId, { email: normalized });
  }
  return fail('bad_request', 'Send userId (the ID token’s sub) or email.');
}

const INVITATION_SELECT = {
  id: true,
  email: true,
  role: true,
  status: true,
  deliveryStatus: true,
  deliveryError: true,
  expiresAt: true,
  lastSentAt: true,
  acceptedAt: true,
  createdAt: true,
} as const;

/** Invitations, newest first; `status` (pending, accepted, revoked, expired) narrows them. Test invitations aren't listed. */
export async function readInvitations(client: DbOrTx, call: ApiCall, organizationId: string) {
  const filter = invitationStatusFilterSchema.parse(call.url.searchParams.get('status') ?? 'all');
  return inOrganization(
    client,
    organizationId,
    newestFirst(call, (after, take) =>
      client.invitation.findMany({
        where: { AND: [{ organizationId, isTest: false }, invitationStatusWhere(filter, call.now), after] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
        select: INVITATION_SELECT,
      }),
    ).then((page) =>
      page.ok ? ok({ data: page.data.rows.map((row) => apiInvitation(row, call.now)), nextCursor: page.data.nextCursor }) : page,
    ),
  );
}

export async function readInvitation(client: DbOrTx, organizationId: string, invitationId: string, now: Date) {
  const row = await client.invitation.findFirst({ where: { id: invitationId, organizationId, isTest: false }, select: INVITATION_SELECT });
  return row ? apiInvitation(row, now) : null;
}

/** Domains, newest first. */
export async function readDomains(client: DbOrTx, call: ApiCall, organizationId: string) {
  return inOrganization(
    client,
    organizationId,
    newestFirst(call, (after, take) =>
      client.domain.findMany({ where: { organizationId, ...after }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take }),
    ).then((page) => (page.ok ? ok({ data: page.data.rows.map(apiDomain), nextCursor: page.data.nextCursor }) : page)),
  );
}

export async function readDomain(client: DbOrTx, organizationId: string, domainId: string) {
  const row = await client.domain.findFirst({ where: { id: domainId, organizationId } });
  return row ? apiDomain(row) : null;
}

/** The roles an organization can use, with their permissions, by key. */
export async function readRoles(client: DbOrTx, call: ApiCall, organizationId: string) {
  const [exists, roles, grants] = await Promise.all([
    organizationExists(client, organizationId),
    rolesForOrganization(client, organizationId),
    client.rolePermission.findMany({
      where: { role: { OR: [{ organizationId: null }, { organizationId }] } },
      select: { roleKey: true, permissionKey: true },
      orderBy: { permissionKey: 'asc' },
    }),
  ]);
  if (!exists) return notFound();
  return byKey(
    call,
    roles.map((role) => ({ ...role, permissions: grants.filter((g) => g.roleKey === role.key).map((g) => g.permissionKey) })),
  );
}

/** The permission catalog: Orgdesk's own and the app's own keys, by key. */
export async function readPermissions(client: DbOrTx, call: ApiCall) {
  const rows = await client.permission.findMany({ select: { key: true, description: true, kind: true } });
  return byKey(
    call,
    rows.map((row) => ({ ...row, kind: row.kind === 'console' ? ('console' as const) : ('app' as const) })),
  );
}

/**
 * The audit log, newest first: `action`, `actor` (an email or a kind of principal),
 * `organizationId`, `cursor`. A key restricted to one organization reads only that one's events.
 */
export async function readAuditLog(client: DbOrTx, call: ApiCall): Promise<Result<Page<ReturnType<typeof apiAuditEvent>>>> {
  const params = call.url.searchParams;
  const limit = limitOf(call);
  if (!limit.ok) return limit;
  const requested = params.get('organizationId');
  if (requested && !z.uuid().safeParse(requested).success) return fail('bad_request', 'organizationId is an organization’s id (a UUID).');
  const restricted = call.principal.organizationId;
  if (restricted && requested && requested !== restricted) return notFound();
  const cursor = params.get('cursor');
  const query = auditQuerySchema.parse({
    action: params.get('action') ?? undefined,
    actor: params.get('actor') ?? '',
    after: cursor ?? undefined,
  });
  if (cursor && !query.after) return fail('bad_request', BAD_CURSOR);
  const organizationId = restricted ?? requested ?? undefined;
  const page = await listAuditEvents(client, { organizationId }, query, limit.data);
  return ok({ data: page.rows.map(apiAuditEvent), nextCursor: page.nextCursor });
}
