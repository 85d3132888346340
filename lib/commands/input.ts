import { z } from 'zod';
import { type Failure, type FieldErrors, fail } from '@/lib/result';

/** Fields as strings, for keeping what the user typed; a field sent more than once keeps its last. */
export function formValues(form: FormData | Record<string, unknown>): Record<string, string> {
  const entries = form instanceof FormData ? [...form.entries()] : Object.entries(form);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value;
  }
  return values;
}

/**
 * The FormData adapter: a form becomes the plain object a command parses. Fields named `x[]`
 * (checkboxes) become a list under `x`; Next.js's own `$ACTION` fields are dropped.
 */
export function formInput(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      input[name] = [...((input[name] as string[] | undefined) ?? []), value];
    } else input[key] = value;
  }
  return input;
}

export function validationFailure(error: z.ZodError, values: Record<string, string>): Failure {
  const flat = z.flattenError(error);
  return fail('invalid_input', undefined, { fieldErrors: flat.fieldErrors as FieldErrors, values });
}

/** A checkbox: "on" when ticked, absent (or "off") when not. */
export const checkboxSchema = z
  .enum(['on', 'off'])
  .default('off')
  .transform((value) => value === 'on');
