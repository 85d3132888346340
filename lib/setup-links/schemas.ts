import { z } from 'zod';
import { emailSchema } from '@/lib/email/schemas';
import { organizationIdSchema } from '@/lib/organizations/schemas';
import { DEFAULT_SETUP_LINK_HOURS, MAX_SETUP_LINK_HOURS, SETUP_INTENT_KEYS, type SetupIntent } from './intents';

export const createSetupLinkSchema = z.object({
  organizationId: organizationIdSchema,
  intents: z
    .array(
      z.enum(SETUP_INTENT_KEYS as [SetupIntent, ...SetupIntent[]], { error: 'Choose from domain verification, SSO and directory sync.' }),
      {
        error: 'Choose at least one thing the link may set up.',
      },
    )
    .min(1, 'Choose at least one thing the link may set up.')
    .transform((intents) => SETUP_INTENT_KEYS.filter((key) => intents.includes(key))),
  expiresInHours: z.coerce
    .number({ error: 'Choose how long the link works.' })
    .int('Choose whole hours.')
    .min(1, 'A link works for at least an hour.')
    .max(MAX_SETUP_LINK_HOURS, 'A link works for 30 days at most.')
    .default(DEFAULT_SETUP_LINK_HOURS),
  /** Where to email it; empty to copy it instead. */
  sendTo: z
    .union([z.literal('').transform(() => null), emailSchema])
    .nullish()
    .transform((value) => value ?? null),
});
export type CreateSetupLinkInput = z.infer<typeof createSetupLinkSchema>;

export const setupLinkRefSchema = z.object({
  organizationId: organizationIdSchema,
  linkId: z.string().uuid('Unknown setup link.'),
});
export type SetupLinkRefInput = z.infer<typeof setupLinkRefSchema>;
