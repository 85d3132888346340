import { type ScimError, ScimFailure, type ScimType } from '@/lib/directory/scim/errors';
import { ERROR_SCHEMA } from '@/lib/directory/scim/schema';
import type { Failure } from '@/lib/result';
import { httpStatusOf } from './errors';

/**
 * The SCIM adapter's shared helpers: reading a request body (JSON or SCIM JSON, 1 MB at most),
 * answering in `application/scim+json`, and turning a command's typed failure into a SCIM error
 * (RFC 7644 §3.12: `status` as a string, `scimType` where one applies, and a `detail`).
 */
export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const MAX_SCIM_BODY_BYTES = 1_048_576;

export function scimResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers } });
}

export function scimErrorBody(error: ScimError) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}

export function scimErrorResponse(error: ScimError, headers: Record<string, string> = {}): Response {
  return scimResponse(scimErrorBody(error), error.status, headers);
}

/** A command's failure as a SCIM error: the registry's status, the scimType from its hint. */
export function failureToScimError(failure: Failure): ScimError {
  const status = httpStatusOf(failure.code);
  const fields = failure.fieldErrors
    ? Object.entries(failure.fieldErrors)
        .map(([field, messages]) => `${field}: ${messages?.join(' ')}`)
        .join('; ')
    : '';
  const scimType = (failure.hint?.scimType as ScimType | undefined) ?? (status === 400 ? 'invalidValue' : undefined);
  return { status, ...(scimType ? { scimType } : {}), detail: fields ? `${failure.message} ${fields}` : failure.message };
}

/**
 * The request's JSON body. Refuses other content types, bodies over 1 MB (413, read no further)
 * and malformed JSON (400 invalidSyntax), each with a detail that says what to send.
 */
export async function readScimBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== SCIM_CONTENT_TYPE && type !== 'application/json') {
    throw new ScimFailure({
      status: 400,
      scimType: 'invalidSyntax',
      detail: `Send the body as ${SCIM_CONTENT_TYPE} or application/json, not ${type}.`,
    });
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new ScimFailure({ status: 413, detail: 'The body is larger than 1 MB. Send fewer members or attributes per request.' });
  if (declared > MAX_SCIM_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request, MAX_SCIM_BODY_BYTES, tooLarge);
  if (!text.trim()) throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: 'The request has no body.' });
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: 'The body is not valid JSON.' });
  }
}

async function readLimited(request: Request, limit: number, tooLarge: () => Error): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
