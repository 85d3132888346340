import type { AuditEventInput } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { groupCommit } from '@/lib/db/batch';
import type { Db, DbOrTx } from '@/lib/db/client';
import { escapeLike } from '@/lib/db/like';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';

/**
 * The directory's event log (every SCIM request: its operation, status, changes and duration,
 * with the body redacted) and its health: a directory becomes active with its first answered
 * request, and in error after FAILING_REQUESTS refused writes in a row, until a write succeeds.
 * Both change the organization's state, so they are recomputed, and audited, when they happen.
 */
export const FAILING_REQUESTS = 5;
/** The body kept in the log, at most (bigger bodies keep their size only). */
export const MAX_LOGGED_BODY = 16_384;
/** last_request_at moves at most once a minute, so a busy directory doesn't rewrite its row per request. */
const LAST_REQUEST_PRECISION_MS = 60_000;

export interface DirectoryRequest {
  method: string;
  path: string;
  operation: string;
  status: number;
  resourceId: string | null;
  changes: Record<string, unknown>;
  error: string | null;
  durationMs: number;
  body: unknown;
}

const SECRET_KEYS = /^(password|secret|token|access_?token|client_?secret)$/i;

/** A body for the log: secrets replaced, and at most MAX_LOGGED_BODY characters kept. */
export function redactBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const redact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]));
    }
    return value;
  };
  const redacted = redact(body);
  const size = JSON.stringify(redacted)?.length ?? 0;
  return size > MAX_LOGGED_BODY ? { truncated: true, characters: size } : redacted;
}

/** A write that the directory's own data refused, as opposed to one that merely found nothing. */
export function isRefusedWrite(method: string, status: number): boolean {
  return method !== 'GET' && status >= 400 && status !== 404 && status !== 409;
}

interface LoggedRequest {
  client: Db;
  directory: { id: string; organizationId: string };
  request: DirectoryRequest;
  now: Date;
}

/**
 * Logs one request and keeps the directory's health: its last request, and its status. A change
 * of status (draft → active, active ⇄ error) or the end of a silence past the stale limit
 * recomputes the organization's state. Requests of one directory that finish together are logged
 * together, in one statement (lib/db/batch.ts); its health then follows the last of them.
 */
export function recordDirectoryRequest(
  client: Db,
  directory: { id: string; organizationId: string },
  request: DirectoryRequest,
  now: Date,
) {
  return logInBatches(directory.id, { client, directory, request, now });
}

const logInBatches = groupCommit<LoggedRequest, void>(async (items) => {
  await recordDirectoryRequests(items);
  return items.map(() => ({ status: 'fulfilled', value: undefined }));
});

async function recordDirectoryRequests(items: LoggedRequest[]) {
  const [{ client, directory, now: firstAt }] = items as [LoggedRequest];
  const last = items[items.length - 1]!;
  const now = last.now;
  const rows = items.map(({ request, now: at }) => ({
    occurred_at: at.toISOString(),
    method: request.method,
    path: request.path.slice(0, 500),
    operation: request.operation,
    status: request.status,
    resource_id: request.resourceId,
    changes: request.changes,
    error: request.error?.slice(0, 1000) ?? null,
    duration_ms: Math.max(0, Math.round(request.durationMs)),
    body: redactBody(request.body),
  }));
  const prevRows = await client.$queryRaw<
    { status: string; last_request_at: Date | null; stale_after_hours: number; name: string; configured_at: Date }[]
  >`
    WITH prev AS (
      SELECT status::text AS status, last_request_at, stale_after_hours, name, configured_at FROM directories WHERE id = ${directory.id}::uuid
    ), logged AS (
      INSERT INTO directory_events (id, directory_id, organization_id, occurred_at, method, path, operation, status, resource_id, changes, error, duration_ms, body)
      SELECT gen_random_uuid(), ${directory.id}::uuid, ${directory.organizationId}::uuid, e.occurred_at, e.method, e.path, e.operation, e.status,
        e.resource_id, coalesce(e.changes, '{}'::jsonb), e.error, e.duration_ms, e.body
      FROM prev, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(occurred_at timestamptz, method text, path text, operation text,
        status int, resource_id text, changes jsonb, error text, duration_ms int, body jsonb)
    ), touched AS (
      UPDATE directories SET last_request_at = ${now}
      WHERE id = ${directory.id}::uuid AND (last_request_at IS NULL OR last_request_at < ${new Date(now.getTime() - LAST_REQUEST_PRECISION_MS)})
    )
    SELECT * FROM prev`;
  const prev = prevRows[0];
  if (!prev) return;
  const staleSince = prev.last_request_at ? prev.last_request_at.getTime() + prev.stale_after_hours * 3_600_000 : null;
  const wasStale = staleSince !== null && staleSince <= firstAt.getTime();
  // The health follows the last request that tells something: a refused write, or an answer.
  const telling = items.findLast(({ request }) => isRefusedWrite(request.method, request.status) || request.status < 400)?.request;
  let next: { status: 'active' | 'error'; lastError: string | null } | null = null;
  if (telling && isRefusedWrite(telling.method, telling.status)) {
    if (prev.status !== 'error' && (await lastWritesRefused(client, directory.id))) {
      next = {
        status: 'error',
        lastError: `The last ${FAILING_REQUESTS} changes were refused. Latest: ${telling.status} ${telling.error ?? ''}`.trim(),
      };
    }
  } else if (telling && prev.status !== 'active') {
    next = { status: 'active', lastError: null };
  }
  // The first request after a change of its settings: the launch check's "tested" now holds.
  const firstSinceChange = !prev.last_request_at || prev.last_request_at < prev.configured_at;
  if (!next && !wasStale && !firstSinceChange) return;
  const change = next;
  await client.$transaction(async (tx) => {
    const events: AuditEventInput[] = [];
    if (change) {
      await tx.directory.update({ where: { id: directory.id }, data: change });
      if (change.status === 'error' || prev.status === 'error' || prev.status === 'draft') {
        events.push({
          organizationId: directory.organizationId,
          action: change.status === 'error' ? 'directory.failing' : prev.status === 'draft' ? 'directory.connected' : 'directory.recovered',
          target: { type: 'directory', id: directory.id, label: prev.name },
          summary: { status: { before: prev.status, after: change.status }, ...(change.lastError ? { reason: change.lastError } : {}) },
        });
      }
    }
    await recomputeOrganizationState(
      tx,
      directory.organizationId,
      now,
      { principal: systemPrincipal('directory health'), request: { ip: null, requestId: null } },
      events,
    );
  });
}

async function lastWritesRefused(client: DbOrTx, directoryId: string): Promise<boolean> {
  const recent = await client.directoryEvent.findMany({
    where: { directoryId, method: { not: 'GET' } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: FAILING_REQUESTS,
    select: { method: true, status: true },
  });
  return recent.length === FAILING_REQUESTS && recent.every((event) => isRefusedWrite(event.method, event.status));
}

export const EVENTS_PAGE_SIZE = 25;

/**
 * A page of the event log, newest first, optionally searched (operation, path, resource id or
 * error; the term matches literally) and limited to failures. Keyset pagination on (time, id).
 */
export async function listDirectoryEvents(
  client: DbOrTx,
  organizationId: string,
  directoryId: string,
  options: { search?: string; failuresOnly?: boolean; before?: { occurredAt: Date; id: string } | null } = {},
) {
  const term = options.search?.trim();
  const conditions: Prisma.DirectoryEventWhereInput[] = [];
  if (term) {
    const contains = { contains: escapeLike(term), mode: 'insensitive' as const };
    conditions.push({ OR: [{ operation: contains }, { path: contains }, { resourceId: contains }, { error: contains }] });
  }
  if (options.before) {
    const { occurredAt, id } = options.before;
    conditions.push({ OR: [{ occurredAt: { lt: occurredAt } }, { occurredAt, id: { lt: id } }] });
  }
  const rows = await client.directoryEvent.findMany({
    where: { directoryId, organizationId, ...(options.failuresOnly ? { status: { gte: 400 } } : {}), AND: conditions },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: EVENTS_PAGE_SIZE + 1,
  });
  return { events: rows.slice(0, EVENTS_PAGE_SIZE), hasMore: rows.length > EVENTS_PAGE_SIZE };
}
