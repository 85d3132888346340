import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ENDPOINTS, type Endpoint, type Method } from '@/lib/api/endpoints';
import { createApiKeyCommand } from '@/lib/api-keys/commands';
import { builder } from '../factories';

/**
 * Calls `/api/v1` through its real route files, in process: the path is matched against the route
 * folders under app/api/v1 (`[id]` matches one segment), the file is imported, and its exported
 * method handler answers a real Request.
 */
const ROOT = path.resolve(__dirname, '../../app/api/v1');

export interface RouteFile {
  /** `/organizations/{id}/members`, from the folders. */
  pattern: string;
  file: string;
}

export function routeFiles(dir = ROOT, prefix = ''): RouteFile[] {
  const found: RouteFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full, `${prefix}/${name.replace(/^\[(\w+)\]$/, '{$1}')}`));
    else if (name === 'route.ts') found.push({ pattern: prefix || '/', file: full });
  }
  return found;
}

const ROUTES = routeFiles();

function match(pattern: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  const found = pathname.match(regex);
  return found ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) : null;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered.
  body: any;
  /** The route pattern that answered. */
  pattern: string;
}

export async function api(
  key: string | null,
  method: Method,
  url: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const pathname = url.split('?')[0]!;
  const route = ROUTES.map((r) => ({ r, params: match(r.pattern, pathname) })).find((m) => m.params && !m.r.pattern.includes('openapi'));
  if (!route) throw new Error(`No route file for ${pathname}`);
  const module = (await import(route.r.file)) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
  const handler = module[method];
  if (!handler) throw new Error(`${route.r.file} exports no ${method}`);
  const request = new Request(`http://localhost:3000/api/v1${url}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      'x-forwarded-for': '198.51.100.7',
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const response = await handler(request, { params: Promise.resolve(route.params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, pattern: route.r.pattern };
}

/** Endpoints whose successful answer a test has checked against the document's schema. */
export const checkedEndpoints = new Set<string>();

export function endpointOf(method: Method, pattern: string): Endpoint {
  const endpoint = ENDPOINTS.find((e) => e.method === method && e.path === pattern);
  if (!endpoint) throw new Error(`${method} ${pattern} is not in the endpoint table`);
  return endpoint;
}

/**
 * Asserts a successful answer is exactly what the OpenAPI document says: its status, and a body
 * that the documented zod schema parses without dropping or changing anything.
 */
export function expectDocumented(response: ApiResponse, method: Method, expectedStatus?: number) {
  const endpoint = endpointOf(method, response.pattern);
  const answer = endpoint.answer;
  if (expectedStatus !== undefined) expect(response.status, JSON.stringify(response.body)).toBe(expectedStatus);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  if (answer.kind === 'none') {
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  } else if (answer.kind === 'one') {
    expect(Object.keys(response.body)).toEqual(['data']);
    expect(answer.schema.parse(response.body.data)).toEqual(response.body.data);
  } else {
    expect(Object.keys(response.body).sort()).toEqual(['data', 'nextCursor']);
    expect(response.body.nextCursor === null || typeof response.body.nextCursor === 'string').toBe(true);
    for (const row of response.body.data) expect(answer.schema.parse(row)).toEqual(row);
  }
  checkedEndpoints.add(`${method} ${response.pattern}`);
  return response.body;
}

/** A key made by the builder through the command, as the console makes them: `{ id, key, prefix }`. */
export async function newApiKey(fields: Record<string, unknown> = {}) {
  const created = await createApiKeyCommand(builder, {
    name: 'App',
    scopes: ['organizations.create', 'organizations.read', 'activity.report'],
    ...fields,
  });
  if (!created.ok) throw new Error(`${created.message} ${JSON.stringify(created.fieldErrors)}`);
  return created.data;
}
