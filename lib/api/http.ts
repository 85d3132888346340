import type { z } from 'zod';
import { type ApiKeyPrincipal, authenticateApiKey } from '@/lib/api-keys/auth';
import type { Command, RequestMeta } from '@/lib/commands/define';
import { apiErrorBody, httpStatusOf } from '@/lib/commands/errors';
import { db } from '@/lib/db/client';
import { requestMeta } from '@/lib/http/request';
import { fail, type Result } from '@/lib/result';
import { claimIdempotencyKey, requestFingerprint, settleIdempotencyKey } from './idempotency';

/**
 * The REST API's adapter (`/api/v1`): JSON in and out, a bearer API key as the principal, the
 * key's rate limit in `RateLimit-*` headers (429 with Retry-After past it), an `X-Request-Id` on
 * every answer, failures from the error registry with their status and stable `code`, and an
 * `Idempotency-Key` honored on every POST. Routes are thin: each binds a method and path of the endpoint table (lib/api/endpoints.ts).
 */
export const MAX_API_BODY_BYTES = 1_048_576;

export interface ApiCall {
  principal: ApiKeyPrincipal;
  request: RequestMeta;
  now: Date;
  /** The request's JSON body (an empty object for none); a bad body never reaches the route. */
  body: Record<string, unknown>;
  url: URL;
}

export type ApiAnswer = { status: number; body: unknown } | Result<unknown>;

function json(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers });
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

function failure(code: Parameters<typeof fail>[0], message: string | undefined, headers: Record<string, string>): Response {
  const result = fail(code, message);
  return json(httpStatusOf(result.code), apiErrorBody(result), headers);
}

async function readBody(
  request: Request,
): Promise<{ ok: true; text: string; body: Record<string, unknown> } | { ok: false; message: string }> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'DELETE') return { ok: true, text: '', body: {} };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await request.text();
  if (text.length > MAX_API_BODY_BYTES) return { ok: false, message: 'The body is larger than 1 MB.' };
  if (!text.trim()) return { ok: true, text: '', body: {} };
  if (type && type !== 'application/json') return { ok: false, message: `Send the body as application/json, not ${type}.` };
  try {
    const parsed = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, message: 'The body must be a JSON object.' };
    return { ok: true, text, body: parsed as Record<string, unknown> };
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' };
  }
}

/** A route's answer in HTTP: a status and body, or a command's result (200 with its data, or its failure). */
function toHttp(answer: ApiAnswer): { status: number; body: unknown } {
  if (!('ok' in answer)) return answer;
  if (answer.ok) return { status: 200, body: { data: answer.data } };
  return { status: httpStatusOf(answer.code), body: apiErrorBody(answer) };
}

export async function handleApi(request: Request, run: (call: ApiCall) => Promise<ApiAnswer>): Promise<Response> {
  const meta = requestMeta(request.headers);
  const headers: Record<string, string> = { 'x-request-id': meta.requestId ?? '' };
  const now = new Date();
  const client = await db();
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
  const auth = await authenticateApiKey(client, bearer, now, meta.ip);
  if (auth.kind === 'unauthorized') {
    return failure('unauthenticated', 'Send a valid API key: Authorization: Bearer odk_…. Keys are made on the console’s API keys page.', {
      ...headers,
      'www-authenticate': 'Bearer realm="orgdesk"',
    });
  }
  if (auth.kind === 'rate_limited') {
    return failure('rate_limited', `This key sent more than ${auth.limit} requests in a minute. Retry after ${auth.retryAfterSeconds} s.`, {
      ...headers,
      'retry-after': String(auth.retryAfterSeconds),
      'ratelimit-limit': String(auth.limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(auth.retryAfterSeconds),
    });
  }
  headers['ratelimit-limit'] = String(auth.limit);
  headers['ratelimit-remaining'] = String(auth.remaining);
  headers['ratelimit-reset'] = String(auth.resetSeconds);

  const read = await readBody(request);
  if (!read.ok) return failure('bad_request', read.message, headers);
  const url = new URL(request.url);
  const call: ApiCall = { principal: auth.principal, request: meta, now, body: read.body, url };

  const idempotencyKey = request.method === 'POST' ? request.headers.get('idempotency-key')?.trim() : undefined;
  if (idempotencyKey !== undefined) {
    if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      return failure('bad_request', 'An Idempotency-Key is 1 to 255 visible ASCII characters.', headers);
    }
    const claim = await claimIdempotencyKey(
      client,
      auth.principal.keyId,
      idempotencyKey,
      requestFingerprint(request.method, url.pathname, read.text),
      now,
    );
    if (claim.kind === 'replay') return json(claim.status, claim.body, { ...headers, 'idempotent-replayed': 'true' });
    if (claim.kind === 'in_progress') return failure('idempotency_in_progress', undefined, headers);
    if (claim.kind === 'mismatch') return failure('idempotency_mismatch', undefined, headers);
    const answer = toHttp(await runSafely(run, call));
    await settleIdempotencyKey(client, auth.principal.keyId, idempotencyKey, answer.status, answer.body);
    return json(answer.status, answer.body, headers);
  }
  const answer = toHttp(await runSafely(run, call));
  return json(answer.status, answer.body, headers);
}

async function runSafely(run: (call: ApiCall) => Promise<ApiAnswer>, call: ApiCall): Promise<ApiAnswer> {
  try {
    return await run(call);
  } catch (error) {
    console.error(`API request ${call.request.requestId} failed`, error);
    return { status: 500, body: { error: 'internal', message: `Something failed on our side. Quote request ${call.request.requestId}.` } };
  }
}

/** Runs a command with the key as principal and the request's address and id for the audit log. */
export function runApiCommand<S extends z.ZodType, T>(command: Command<S, T>, call: ApiCall, input: Record<string, unknown>) {
  return command(call.principal, input, { request: call.request, now: call.now });
}
