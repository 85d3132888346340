import type { RequestMeta } from '@/lib/commands/define';
import type { Principal } from '@/lib/commands/principal';
import { failureToScimError, readScimBody, scimErrorResponse, scimResponse } from '@/lib/commands/scim';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { recordDirectoryRequest } from '@/lib/directory/events';
import { resourceTypeById, resourceTypes, schemaById, schemas, serviceProviderConfig } from '@/lib/directory/scim/discovery';
import { type ScimError, ScimFailure } from '@/lib/directory/scim/errors';
import { type ListQuery, listDirectoryGroups, listDirectoryUsers, MAX_PAGE_SIZE, readListQuery } from '@/lib/directory/scim/list';
import type { Resource } from '@/lib/directory/scim/normalize';
import {
  attributeList,
  groupResource,
  project,
  type StoredGroup,
  type StoredMember,
  type StoredUser,
  userResource,
  wantsMembers,
} from '@/lib/directory/scim/resources';
import { GROUP_TYPE, LIST_RESPONSE_SCHEMA, USER_TYPE } from '@/lib/directory/scim/schema';
import {
  scimCreateGroupCommand,
  scimCreateUserCommand,
  scimDeleteGroupCommand,
  scimDeleteUserCommand,
  scimPatchGroupCommand,
  scimPatchUserCommand,
  scimReplaceGroupCommand,
  scimReplaceUserCommand,
} from '@/lib/directory/scim-commands';
import { isUuid, readDirectoryGroup, readDirectoryUser } from '@/lib/directory/sync';
import { authenticateDirectory, bearerToken } from '@/lib/directory/tokens';
import { requestMeta } from '@/lib/http/request';
import type { Result } from '@/lib/result';

/**
 * The SCIM 2.0 endpoint of one directory: /api/scim/v2/<directory id>/… A thin adapter: the
 * bearer token becomes the directory's principal, writes run the directory commands, reads the
 * scoped queries, and every answer is application/scim+json. Each request is logged with its
 * operation, status, changes and duration.
 */
type Outcome = {
  response: Response;
  operation: string;
  resourceId?: string | null;
  changes?: Record<string, unknown>;
  error?: string | null;
};

const unauthorized = () =>
  scimErrorResponse(
    {
      status: 401,
      detail: 'Send this directory’s bearer token: "Authorization: Bearer <token>". Create or rotate it in the Orgdesk console.',
    },
    {
      'www-authenticate': 'Bearer realm="orgdesk-scim"',
    },
  );

export async function handleScim(request: Request, directoryId: string, path: readonly string[]): Promise<Response> {
  const started = performance.now();
  const now = new Date();
  const client = await db();
  if (!isUuid(directoryId)) return unauthorized();
  const authenticated = await authenticateDirectory(client, directoryId, bearerToken(request.headers.get('authorization')), now);
  if (authenticated.kind === 'unauthorized') return unauthorized();
  if (authenticated.kind === 'rate_limited') {
    return scimErrorResponse(
      { status: 429, detail: `Too many requests for this directory. Retry after ${authenticated.retryAfterSeconds} seconds.` },
      { 'retry-after': String(authenticated.retryAfterSeconds) },
    );
  }
  const { principal, provider } = authenticated;
  const base = `${getConfig().appUrl.replace(/\/$/, '')}/api/scim/v2/${directoryId}`;
  const url = new URL(request.url);
  let body: unknown;
  let outcome: Outcome;
  try {
    if (['POST', 'PUT', 'PATCH'].includes(request.method)) body = await readScimBody(request);
    outcome = await route(request.method, path, url.searchParams, body, { principal, provider, base, directoryId, request });
  } catch (error) {
    if (!(error instanceof ScimFailure)) throw error;
    outcome = { response: scimErrorResponse(error.error), operation: operationName(request.method, path), error: error.error.detail };
  }
  await recordDirectoryRequest(
    client,
    { id: directoryId, organizationId: principal.organizationId },
    {
      method: request.method,
      path: `${url.pathname.replace(`/api/scim/v2/${directoryId}`, '')}${url.search}`,
      operation: outcome.operation,
      status: outcome.response.status,
      resourceId: outcome.resourceId ?? null,
      changes: outcome.changes ?? {},
      error: outcome.error ?? null,
      durationMs: performance.now() - started,
      body,
    },
    now,
  );
  return outcome.response;
}

function operationName(method: string, path: readonly string[]): string {
  const resource = (path[0] ?? '').toLowerCase();
  const verb =
    { GET: path[1] ? 'get' : 'list', POST: 'create', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' }[method] ?? method.toLowerCase();
  return `${resource || 'root'}.${verb}`;
}

interface RouteContext {
  principal: Principal & { kind: 'directory' };
  provider: string;
  base: string;
  directoryId: string;
  request: Request;
}

const notFound = (detail: string): ScimError => ({ status: 404, detail });
const methodNotAllowed = (): ScimError => ({ status: 405, detail: 'That method is not supported on this endpoint.' });

async function route(
  method: string,
  path: readonly string[],
  query: URLSearchParams,
  body: unknown,
  context: RouteContext,
): Promise<Outcome> {
  const [first = '', id, ...rest] = path;
  const resource = first.toLowerCase();
  const operation = operationName(method, path);
  const fail = (error: ScimError): Outcome => ({ response: scimErrorResponse(error), operation, error: error.detail });
  if (rest.length) return fail(notFound('No such endpoint.'));
  switch (resource) {
    case 'serviceproviderconfig':
    case 'serviceconfiguration':
      if (method !== 'GET') return fail(methodNotAllowed());
      return { response: scimResponse(serviceProviderConfig(context.base, MAX_PAGE_SIZE)), operation };
    case 'resourcetypes': {
      if (method !== 'GET') return fail(methodNotAllowed());
      const found = id ? resourceTypeById(context.base, id) : resourceTypes(context.base);
      return found ? { response: scimResponse(found), operation } : fail(notFound(`Resource type ${id} not found.`));
    }
    case 'schemas': {
      if (method !== 'GET') return fail(methodNotAllowed());
      const found = id ? schemaById(context.base, id) : schemas(context.base);
      return found ? { response: scimResponse(found), operation } : fail(notFound(`Schema ${id} not found.`));
    }
    case 'users':
      return resources(USERS, method, id, query, body, context, operation);
    case 'groups':
      return resources(GROUPS, method, id, query, body, context, operation);
    default:
      return fail(notFound('No such endpoint. Use /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.'));
  }
}

function listResponse(total: number, startIndex: number, resources: unknown[]) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

type Projection = { attributes: string[] | null; excluded: string[] | null };
type Command<T> = (principal: Principal, input: unknown, options: { request: RequestMeta }) => Promise<Result<T>>;

/**
 * One resource type as the endpoint serves it: its list and read queries, how an outcome becomes
 * the resource, and its four write commands. Users and Groups differ only here.
 */
interface ResourceEndpoint<T extends { changes?: Record<string, unknown> }> {
  endpoint: '/Users' | '/Groups';
  /** One page of resources, projected. */
  list(directoryId: string, query: ListQuery, base: string): Promise<{ total: number; resources: Resource[] }>;
  read(directoryId: string, id: string, projection: Projection): Promise<T>;
  render(outcome: T, base: string, projection: Projection): Resource;
  idOf(outcome: T): string;
  create: Command<T>;
  replace: Command<T>;
  patch: Command<T>;
  remove: Command<Record<string, unknown>>;
}

type UserOutcome = { user: StoredUser; changes?: Record<string, unknown> };
type GroupOutcome = { group: StoredGroup; members: StoredMember[] | null; changes?: Record<string, unknown> };

const USERS: ResourceEndpoint<UserOutcome> = {
  endpoint: '/Users',
  async list(directoryId, query, base) {
    const page = await listDirectoryUsers(await db(), directoryId, query);
    const resources = page.rows.map((row) => project(USER_TYPE, userResource(row, base), query.attributes, query.excludedAttributes));
    return { total: page.total, resources };
  },
  read: async (directoryId, id) => ({ user: await readDirectoryUser(await db(), directoryId, id) }),
  render: (outcome, base, { attributes, excluded }) => project(USER_TYPE, userResource(outcome.user, base), attributes, excluded),
  idOf: (outcome) => outcome.user.id,
  create: scimCreateUserCommand,
  replace: scimReplaceUserCommand,
  patch: scimPatchUserCommand,
  remove: scimDeleteUserCommand,
};

const GROUPS: ResourceEndpoint<GroupOutcome> = {
  endpoint: '/Groups',
  async list(directoryId, query, base) {
    // Members are read only when the projection keeps them (excludedAttributes=members).
    const page = await listDirectoryGroups(await db(), directoryId, query, wantsMembers(query.attributes, query.excludedAttributes));
    const resources = page.rows.map((row) =>
      project(GROUP_TYPE, groupResource(row, row.members, base), query.attributes, query.excludedAttributes),
    );
    return { total: page.total, resources };
  },
  read: async (directoryId, id, { attributes, excluded }) =>
    readDirectoryGroup(await db(), directoryId, id, wantsMembers(attributes, excluded)),
  render: (outcome, base, { attributes, excluded }) =>
    project(GROUP_TYPE, groupResource(outcome.group, outcome.members, base), attributes, excluded),
  idOf: (outcome) => outcome.group.id,
  create: scimCreateGroupCommand,
  replace: scimReplaceGroupCommand,
  patch: scimPatchGroupCommand,
  remove: scimDeleteGroupCommand,
};

/** A /Users or /Groups request: list, read, create, replace, patch or delete. */
async function resources<T extends { changes?: Record<string, unknown> }>(
  spec: ResourceEndpoint<T>,
  method: string,
  id: string | undefined,
  query: URLSearchParams,
  body: unknown,
  context: RouteContext,
  operation: string,
): Promise<Outcome> {
  const target = { organizationId: context.principal.organizationId, directoryId: context.directoryId };
  const projection = { attributes: attributeList(query.get('attributes')), excluded: attributeList(query.get('excludedAttributes')) };
  const failed = (error: ScimError): Outcome => ({
    response: scimErrorResponse(error),
    operation,
    resourceId: id ?? null,
    error: error.detail,
  });
  const answer = (outcome: T, status = 200): Outcome => {
    const location = status === 201 ? { location: `${context.base}${spec.endpoint}/${spec.idOf(outcome)}` } : undefined;
    return {
      response: scimResponse(spec.render(outcome, context.base, projection), status, location),
      operation,
      resourceId: spec.idOf(outcome),
      changes: outcome.changes ?? {},
    };
  };
  // A write runs its command with the directory's principal; a failure becomes its SCIM error.
  const run = async <R>(command: Command<R>, input: Record<string, unknown>) => {
    const result = await command(context.principal, { ...target, ...input }, { request: requestMeta(context.request.headers) });
    return result.ok ? ({ ok: true, data: result.data } as const) : ({ ok: false, error: failureToScimError(result) } as const);
  };
  if (!id) {
    if (method === 'GET') {
      const list = readListQuery(query);
      const page = await spec.list(context.directoryId, list, context.base);
      return {
        response: scimResponse(listResponse(page.total, list.startIndex, page.resources)),
        operation,
        changes: { results: page.total },
      };
    }
    if (method !== 'POST') return failed(methodNotAllowed());
    const created = await run(spec.create, { body });
    return created.ok ? answer(created.data, 201) : failed(created.error);
  }
  switch (method) {
    case 'GET':
      return answer(await spec.read(context.directoryId, id, projection));
    case 'PUT':
    case 'PATCH': {
      const written = await run(method === 'PUT' ? spec.replace : spec.patch, { id, body });
      if (!written.ok) return failed(written.error);
      if (method === 'PATCH' && !patchAnswersWithBody(context)) {
        return { response: scimResponse(null, 204), operation, resourceId: id, changes: written.data.changes ?? {} };
      }
      return answer(written.data);
    }
    case 'DELETE': {
      const removed = await run(spec.remove, { id });
      return removed.ok ? { response: scimResponse(null, 204), operation, resourceId: id, changes: removed.data } : failed(removed.error);
    }
    default:
      return failed(methodNotAllowed());
  }
}

/**
 * PATCH answers 204 (what Microsoft's reference and Entra expect), or 200 with the resource for
 * an Okta directory (Okta reads the updated user from the answer).
 */
function patchAnswersWithBody(context: RouteContext): boolean {
  return context.provider === 'okta';
}
