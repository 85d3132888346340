import { z } from 'zod';
import { parseEmailAddress } from './address';

/** An email field: exactly one addr-spec, normalized. */
export const emailSchema = z.string({ error: 'Enter an email address.' }).transform((value, ctx) => {
  const result = parseEmailAddress(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  }
  return result.address;
});
