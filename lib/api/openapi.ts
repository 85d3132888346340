import { z } from 'zod';
import { ERRORS } from '@/lib/commands/errors';
import { PERMISSIONS } from '@/lib/commands/permissions';
import { WEBHOOK_SUBSCRIPTIONS } from '@/lib/webhooks/events';
import { webhookEventPayload } from '@/lib/webhooks/payload';
import {
  type CommandEndpoint,
  ENDPOINTS,
  type Endpoint,
  isCommandEndpoint,
  PATH_PARAMETERS,
  pathParameters,
  scopeOf,
  type Tag,
} from './endpoints';
import { API_PAGE_MAX } from './reads';
import { errorResource } from './resources';

type Json = Record<string, unknown>;

export const API_VERSION = '1.0.0';

const TAG_DESCRIPTIONS: Record<Tag, string> = {
  Organizations: 'The customer accounts of your app: their state, what makes them Active, and their lifecycle.',
  Members: 'Who belongs to an organization, with which role, and what they may do in your app.',
  Invitations: 'Invite people by email, with the console’s review of every address.',
  Domains: 'Prove an organization controls its email domains with a DNS record.',
  'Roles and permissions': 'The roles organizations use, and the catalog of permissions, yours included.',
  'Audit log': 'Every change, who made it and from where. Read-only.',
};

/**
 * JSON Schema for OpenAPI 3.1 from a zod schema: what a client sends (`input`) or receives
 * (`output`). Named schemas (`.meta({ id })`) go to `components.schemas` and are referenced; the
 * regular expressions zod adds beside a `format` are dropped, the format says it.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const defs = (converted.$defs ?? {}) as Record<string, Json>;
  delete converted.$defs;
  delete converted.$schema;
  const tidy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(tidy);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$ref' && typeof value === 'string') out[key] = value.replace('#/$defs/', '#/components/schemas/');
      else if (key === 'pattern' && 'format' in (node as Json)) continue;
      else out[key] = tidy(value);
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs)) {
    components[name] = tidy(def);
  }
  return tidy(converted) as Json;
}

/** A command's input, less the fields the path (and the endpoint) fill: the request body's schema. */
function bodySchema(endpoint: CommandEndpoint): z.ZodType | null {
  const schema = endpoint.command.definition.schema as z.ZodType & { shape?: Record<string, z.ZodType> };
  if (!schema.shape) return schema;
  const skip = new Set<string>([...pathParameters(endpoint.path).map((p) => PATH_PARAMETERS[p].field), ...(endpoint.filled ?? [])]);
  const kept = Object.entries(schema.shape).filter(([name]) => !skip.has(name));
  return kept.length ? z.object(Object.fromEntries(kept)) : null;
}

function answerSchema(endpoint: Endpoint, components: Json): Json | null {
  const { answer } = endpoint;
  if (answer.kind === 'none') return null;
  const item = jsonSchema(answer.schema, 'output', components);
  if (answer.kind === 'one') return { type: 'object', properties: { data: item }, required: ['data'] };
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: item },
      nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
    },
    required: ['data', 'nextCursor'],
  };
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ERROR_REF } } };
}

function operation(endpoint: Endpoint, components: Json): Json {
  const scope = scopeOf(endpoint);
  const parameters: Json[] = [
    ...pathParameters(endpoint.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      description: PATH_PARAMETERS[name].description,
      schema: { type: 'string', format: 'uuid' },
    })),
    ...(endpoint.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: false,
      description: q.description,
      schema: jsonSchema(q.schema, 'input', components),
    })),
  ];
  if (endpoint.method === 'POST') {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retrying with the same key answers the first response instead of running again (kept 24 hours).',
      schema: { type: 'string', maxLength: 255 },
    });
  }
  const body = isCommandEndpoint(endpoint) && endpoint.method !== 'DELETE' ? bodySchema(endpoint) : null;
  const answer = answerSchema(endpoint, components);
  const success = endpoint.answer.kind === 'none' ? '204' : isCommandEndpoint(endpoint) && endpoint.created ? '201' : '200';
  const responses: Json = {
    [success]: answer
      ? { description: 'Done.', content: { 'application/json': { schema: answer } } }
      : { description: 'Done. No content.' },
    '400': errorResponse(
      'The input is invalid (`invalid_input`, with `fieldErrors`) or the request unreadable (`bad_request`). Nothing changed.',
    ),
    '401': errorResponse('No valid API key.'),
    '403': errorResponse(`The key lacks the ${scope} scope.`),
    '404': errorResponse('Not found, or outside the organization the key is restricted to.'),
    '429': errorResponse('Past the key’s rate limit. Retry after `Retry-After` seconds.'),
  };
  if (isCommandEndpoint(endpoint)) responses['409'] = errorResponse('The change conflicts with the current state; `error` says how.');
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    'x-orgdesk-scope': scope,
    security: [{ apiKey: [] }],
    parameters,
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input', components) } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of `/api/v1`, generated from the endpoint table and its zod schemas. */
export function openApiDocument(origin: string): Json {
  const components: Json = {};
  jsonSchema(errorResource, 'output', components);
  const paths: Record<string, Json> = {};
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint, components);
  }
  // What Orgdesk POSTs to the app's webhook endpoints: one entry per subscription, one body schema.
  const event = jsonSchema(webhookEventPayload, 'output', components);
  const webhooks = Object.fromEntries(
    Object.entries(WEBHOOK_SUBSCRIPTIONS).map(([name, description]) => [
      name,
      {
        post: {
          summary: description,
          description:
            'Signed the Standard Webhooks way: verify `webhook-signature` over `webhook-id.webhook-timestamp.body` with the endpoint’s `whsec_` secret. Answer 2xx; anything else is retried for about a day.',
          parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((header) => ({
            name: header,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: { required: true, content: { 'application/json': { schema: event } } },
          responses: { '200': { description: 'Received. Any 2xx will do.' } },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Orgdesk API',
      version: API_VERSION,
      description: [
        'The REST API of an Orgdesk console: the same commands the console runs, as the API key that calls them.',
        'Send `Authorization: Bearer odk_…`. Keys are made on the console’s API keys page, with scopes and an optional organization restriction.',
        `Lists answer \`{ data, nextCursor }\`: pass \`nextCursor\` back as \`cursor\`; \`limit\` is 1 to ${API_PAGE_MAX}.`,
        'Every answer carries `X-Request-Id` and the key’s `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`; past the limit, 429 with `Retry-After`.',
        'Errors answer `{ error, message, fieldErrors? }`, where `error` is a stable code (see `x-orgdesk-error-codes`).',
      ].join('\n\n'),
    },
    servers: [{ url: `${origin}/api/v1` }],
    tags: (Object.keys(TAG_DESCRIPTIONS) as Tag[]).map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
    paths,
    webhooks,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An Orgdesk API key, `odk_` and 43 characters.' } },
      schemas: components,
    },
    'x-orgdesk-scopes': Object.fromEntries([...new Set(ENDPOINTS.map(scopeOf))].sort().map((scope) => [scope, PERMISSIONS[scope]])),
    'x-orgdesk-error-codes': Object.fromEntries(
      Object.entries(ERRORS).map(([code, e]) => [code, { status: e.status, message: e.message }]),
    ),
  };
}
