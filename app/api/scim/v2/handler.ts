import type { RequestMeta } from '@/lib/commands/define';
import type { Principal } from '@/lib/commands/principal';
import { failureToScimError, readScimBody, scimErrorResponse, scimResponse } from '@/lib/commands/scim';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { recordDirectoryRequest } from '@/lib/directory/events';
import { resourceTypeById, resourceTypes, schemaById, schemas, serviceProviderConfig } from '@/lib/directory/scim/discovery';
import { type ScimError, ScimFailure } from '@/lib/directory/scim/errors';
import { listDirectoryGroups, listDirectoryUsers, MAX_PAGE_SIZE, readListQuery } from '@/lib/directory/scim/list';
import { attributeList, groupResource, project, userResource, wantsMembers } from '@/lib/directory/scim/resources';
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
      return users(method, id, query, body, context, operation);
    case 'groups':
      return groups(method, id, query, body, context, operation);
    default:
      return fail(notFound('No such endpoint. Use /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.'));
  }
}

/** Runs a write command with the directory's principal; a failure becomes its SCIM error. */
async function write<T>(
  command: (principal: Principal, input: unknown, options: { request: RequestMeta }) => Promise<Result<T>>,
  input: Record<string, unknown>,
  context: RouteContext,
): Promise<{ ok: true; data: T } | { ok: false; error: ScimError }> {
  const result = await command(context.principal, input, { request: requestMeta(context.request.headers) });
  return result.ok ? { ok: true, data: result.data } : { ok: false, error: failureToScimError(result) };
}

/** What a /Users or /Groups request shares: the command target, the projection, and its failure. */
function resourceRequest(id: string | undefined, query: URLSearchParams, context: RouteContext, operation: string) {
  return {
    target: { organizationId: context.principal.organizationId, directoryId: context.directoryId },
    attributes: attributeList(query.get('attributes')),
    excluded: attributeList(query.get('excludedAttributes')),
    failed: (error: ScimError): Outcome => ({ response: scimErrorResponse(error), operation, resourceId: id ?? null, error: error.detail }),
  };
}

function listResponse(total: number, startIndex: number, resources: unknown[]) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

async function users(
  method: string,
  id: string | undefined,
  query: URLSearchParams,
  body: unknown,
  context: RouteContext,
  operation: string,
): Promise<Outcome> {
  const { target, attributes, excluded, failed } = resourceRequest(id, query, context, operation);
  const client = await db();
  if (method === 'GET' && !id) {
    const list = readListQuery(query);
    const page = await listDirectoryUsers(client, context.directoryId, list);
    const resources = page.rows.map((row) => project(USER_TYPE, userResource(row, context.base), list.attributes, list.excludedAttributes));
    return { response: scimResponse(listResponse(page.total, list.startIndex, resources)), operation, changes: { results: page.total } };
  }
  if (method === 'POST' && !id) {
    const result = await write(scimCreateUserCommand, { ...target, body }, context);
    if (!result.ok) return failed(result.error);
    const { user, changes } = result.data;
    const resource = project(USER_TYPE, userResource(user, context.base), attributes, excluded);
    return {
      response: scimResponse(resource, 201, { location: `${context.base}/Users/${user.id}` }),
      operation,
      resourceId: user.id,
      changes,
    };
  }
  if (!id) return failed(methodNotAllowed());
  switch (method) {
    case 'GET': {
      const user = await readDirectoryUser(client, context.directoryId, id);
      return {
        response: scimResponse(project(USER_TYPE, userResource(user, context.base), attributes, excluded)),
        operation,
        resourceId: id,
      };
    }
    case 'PUT':
    case 'PATCH': {
      const command = method === 'PUT' ? scimReplaceUserCommand : scimPatchUserCommand;
      const result = await write(command, { ...target, id, body }, context);
      if (!result.ok) return failed(result.error);
      const { user, changes } = result.data;
      if (method === 'PATCH' && !patchAnswersWithBody(context))
        return { response: scimResponse(null, 204), operation, resourceId: id, changes };
      return {
        response: scimResponse(project(USER_TYPE, userResource(user, context.base), attributes, excluded)),
        operation,
        resourceId: id,
        changes,
      };
    }
    case 'DELETE': {
      const result = await write(scimDeleteUserCommand, { ...target, id }, context);
      if (!result.ok) return failed(result.error);
      return { response: scimResponse(null, 204), operation, resourceId: id, changes: result.data };
    }
    default:
      return failed(methodNotAllowed());
  }
}

async function groups(
  method: string,
  id: string | undefined,
  query: URLSearchParams,
  body: unknown,
  context: RouteContext,
  operation: string,
): Promise<Outcome> {
  const { target, attributes, excluded, failed } = resourceRequest(id, query, context, operation);
  const client = await db();
  const render = (outcome: { group: Parameters<typeof groupResource>[0]; members: Parameters<typeof groupResource>[1] }) =>
    project(GROUP_TYPE, groupResource(outcome.group, outcome.members, context.base), attributes, excluded);
  if (method === 'GET' && !id) {
    const list = readListQuery(query);
    const page = await listDirectoryGroups(client, context.directoryId, list, wantsMembers(list.attributes, list.excludedAttributes));
    const resources = page.rows.map((row) =>
      project(GROUP_TYPE, groupResource(row, row.members, context.base), list.attributes, list.excludedAttributes),
    );
    return { response: scimResponse(listResponse(page.total, list.startIndex, resources)), operation, changes: { results: page.total } };
  }
  if (method === 'POST' && !id) {
    const result = await write(scimCreateGroupCommand, { ...target, body }, context);
    if (!result.ok) return failed(result.error);
    const outcome = result.data;
    return {
      response: scimResponse(render(outcome), 201, { location: `${context.base}/Groups/${outcome.group.id}` }),
      operation,
      resourceId: outcome.group.id,
      changes: outcome.changes,
    };
  }
  if (!id) return failed(methodNotAllowed());
  switch (method) {
    case 'GET': {
      const found = await readDirectoryGroup(client, context.directoryId, id, wantsMembers(attributes, excluded));
      return { response: scimResponse(render(found)), operation, resourceId: id };
    }
    case 'PUT':
    case 'PATCH': {
      const command = method === 'PUT' ? scimReplaceGroupCommand : scimPatchGroupCommand;
      const result = await write(command, { ...target, id, body }, context);
      if (!result.ok) return failed(result.error);
      const outcome = result.data;
      if (method === 'PATCH' && !patchAnswersWithBody(context))
        return { response: scimResponse(null, 204), operation, resourceId: id, changes: outcome.changes };
      return { response: scimResponse(render(outcome)), operation, resourceId: id, changes: outcome.changes };
    }
    case 'DELETE': {
      const result = await write(scimDeleteGroupCommand, { ...target, id }, context);
      if (!result.ok) return failed(result.error);
      return { response: scimResponse(null, 204), operation, resourceId: id, changes: result.data };
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
