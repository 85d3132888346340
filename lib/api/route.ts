import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { fail, notFound } from '@/lib/result';
import {
  commandInput,
  ENDPOINTS,
  type Endpoint,
  isCommandEndpoint,
  type Method,
  type Params,
  pathParameters,
  readResult,
} from './endpoints';
import { type ApiAnswer, type ApiCall, handleApi, runApiCommand } from './http';

/** Next.js passes no params to a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[]> | undefined> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Before an endpoint runs: every id in the path must look like one, and a key restricted to one
 * organization reaches only that one. Anything else is "not found", the same as a missing record.
 */
function outOfReach(endpoint: Endpoint, call: ApiCall, params: Params): boolean {
  for (const name of pathParameters(endpoint.path)) if (!UUID.test(params[name] ?? '')) return true;
  const restricted = call.principal.organizationId;
  return restricted !== null && params.id !== undefined && params.id.toLowerCase() !== restricted;
}

async function runEndpoint(endpoint: Endpoint, call: ApiCall, params: Params): Promise<ApiAnswer> {
  if (outOfReach(endpoint, call, params)) return notFound();
  const client = await db();
  if (isCommandEndpoint(endpoint)) {
    const result = await runApiCommand(endpoint.command, call, await commandInput(endpoint, call, params, client));
    if (!result.ok) return result;
    const status = endpoint.answer.kind === 'none' ? 204 : endpoint.created ? 201 : 200;
    const data = endpoint.respond ? await endpoint.respond(client, call, params, result.data) : result.data;
    return { status, body: status === 204 ? null : { data } };
  }
  if (!hasPermission(call.principal, endpoint.scope)) {
    return fail('forbidden', `This key lacks the ${endpoint.scope} scope. Give a key that scope on the console’s API keys page.`);
  }
  const result = readResult(await endpoint.read(client, call, params));
  if (!result) return notFound();
  if (!result.ok) return result;
  return { status: 200, body: endpoint.answer.kind === 'page' ? result.data : { data: result.data } };
}

/**
 * A route file's handler for one method of one path of the endpoint table:
 * `export const GET = apiHandler('GET', '/organizations/{id}')`. A method or path that the table
 * lacks fails when the route module loads, so a route can't exist without its documentation.
 */
export function apiHandler(method: Method, path: string) {
  const endpoint = ENDPOINTS.find((e) => e.method === method && e.path === path);
  if (!endpoint) throw new Error(`No ${method} ${path} in lib/api/endpoints.ts`);
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const raw = (await context?.params) ?? {};
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])) as Params;
    return handleApi(request, (call) => runEndpoint(endpoint, call, params));
  };
}
