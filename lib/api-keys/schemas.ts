import { z } from 'zod';
import { API_KEY_SCOPES, type Permission } from '@/lib/commands/permissions';

export const API_KEY_MAX_DAYS = 365;

export const createApiKeySchema = z.object({
  name: z
    .string({ error: 'Name the key, like “Production app”.' })
    .trim()
    .min(1, 'Name the key, like “Production app”.')
    .max(100, 'At most 100 characters.'),
  scopes: z
    .array(z.enum(API_KEY_SCOPES as [Permission, ...Permission[]], { error: 'Choose scopes from the list.' }), {
      error: 'Choose at least one scope.',
    })
    .min(1, 'Choose at least one scope.')
    .transform((scopes) => API_KEY_SCOPES.filter((scope) => scopes.includes(scope))),
  /** The slug of the one organization it may reach; empty for every organization. */
  organizationSlug: z
    .string()
    .trim()
    .max(100, 'That is not an organization’s slug.')
    .default('')
    .transform((value) => value.toLowerCase()),
  /** Days until it stops working; empty for no expiry. */
  expiresInDays: z
    .union([
      z.literal('').transform(() => null),
      z.coerce
        .number({ error: 'Enter a number of days, or leave it empty.' })
        .int('Enter whole days.')
        .min(1, 'At least 1 day.')
        .max(API_KEY_MAX_DAYS, `At most ${API_KEY_MAX_DAYS} days.`),
    ])
    .nullish()
    .transform((value) => value ?? null),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyRefSchema = z.object({ keyId: z.string().uuid('Unknown API key.') });
export type ApiKeyRefInput = z.infer<typeof apiKeyRefSchema>;
