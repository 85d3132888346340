import { z } from 'zod';
import type { Actor } from '@/lib/auth/session';
import { fail, type Failure, type FieldErrors, type Result } from '@/lib/result';

/** Form fields as strings; a field sent more than once (checkboxes) becomes a list. */
export function formValues(form: FormData | Record<string, unknown>): Record<string, string> {
  const entries = form instanceof FormData ? [...form.entries()] : Object.entries(form);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value;
  }
  return values;
}

function parseInput(form: FormData | Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = formValues(form);
  const entries = form instanceof FormData ? [...form.entries()] : Object.entries(form);
  for (const [key, value] of entries) {
    if (Array.isArray(value)) input[key] = value;
    else if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      input[name] = [...((input[name] as string[] | undefined) ?? []), value];
      delete input[key];
    }
  }
  return input;
}

export function validationFailure(error: z.ZodError, values: Record<string, string>): Failure {
  const flat = z.flattenError(error);
  return fail('invalid_input', 'Check the highlighted fields.', {
    fieldErrors: flat.fieldErrors as FieldErrors,
    values,
  });
}

export const unauthenticated = () =>
  fail('unauthenticated', 'Your session has ended or you are not a builder. Sign in again at /login.');

/**
 * Runs a builder command: requires a builder, parses the form with the shared schema, then calls
 * the domain. Framework-free, so integration tests drive it with an explicit actor.
 */
export function builderCommand<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor) => Promise<Result<T>>,
) {
  return async (actor: Actor | null, form: FormData | Record<string, unknown>): Promise<Result<T>> => {
    if (!actor || actor.kind !== 'builder') return unauthenticated();
    const values = formValues(form);
    const parsed = schema.safeParse(parseInput(form));
    if (!parsed.success) return validationFailure(parsed.error, values);
    const result = await handler(parsed.data, actor);
    if (!result.ok && !result.values) return { ...result, values };
    return result;
  };
}
