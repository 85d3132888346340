import { ERRORS, type ErrorCode } from '@/lib/commands/errors';

/** What every action and domain mutation returns for expected outcomes. */
export type FieldErrors = Record<string, string[] | undefined>;

export type Failure = {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, so a form can keep it. */
  values?: Record<string, string>;
  /** Extra data for the form, e.g. a suggested free slug. */
  hint?: Record<string, string>;
};
export type Success<T> = { ok: true; data: T };
export type Result<T> = Success<T> | Failure;

export function ok<T>(data: T): Success<T> {
  return { ok: true, data };
}

/** A failure with a registered code; the message defaults to the registry's. */
export function fail(code: ErrorCode, message?: string, extra: Omit<Failure, 'ok' | 'code' | 'message'> = {}): Failure {
  return { ok: false, code, message: message ?? ERRORS[code].message, ...extra };
}

/** The failure in an action's result, or null (no result yet, or success). */
export function failureOf(result: unknown): Failure | null {
  return result && typeof result === 'object' && 'ok' in result && result.ok === false ? (result as Failure) : null;
}

export const notFound = () => fail('not_found');

/** The failure a form shows above its fields: one that no field error already explains. */
export function formLevelFailure(result: unknown): Failure | null {
  const failure = failureOf(result);
  return failure && !failure.fieldErrors ? failure : null;
}
