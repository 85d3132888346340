/**
 * SCIM's typed failures (RFC 7644 §3.12): the HTTP status, the `scimType` where one applies and a
 * `detail` that says what to fix. Details name the request's own attributes and values only; they
 * never carry internals.
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export interface ScimError {
  status: number;
  scimType?: ScimType;
  detail: string;
}

export type ScimResult<T> = { ok: true; value: T } | { ok: false; error: ScimError };

export const scimOk = <T>(value: T): ScimResult<T> => ({ ok: true, value });

export function scimFail(status: number, scimType: ScimType | undefined, detail: string): { ok: false; error: ScimError } {
  return { ok: false, error: { status, ...(scimType ? { scimType } : {}), detail } };
}

export const invalidValue = (detail: string) => scimFail(400, 'invalidValue', detail);
export const invalidFilter = (detail: string) => scimFail(400, 'invalidFilter', detail);
export const invalidPath = (detail: string) => scimFail(400, 'invalidPath', detail);
export const invalidSyntax = (detail: string) => scimFail(400, 'invalidSyntax', detail);

/** Thrown inside the pure parsers and caught at their edge, so deep recursion stays readable. */
export class ScimFailure extends Error {
  constructor(readonly error: ScimError) {
    super(error.detail);
  }
}
