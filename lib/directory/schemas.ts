import { z } from 'zod';
import { checkboxSchema } from '@/lib/commands/input';
import { organizationIdSchema } from '@/lib/organizations/schemas';
import { DIRECTORY_PROVIDER_KEYS } from './providers';

/** The console's directory forms, shared by the server actions and (later) the API. */
const nameSchema = z
  .string({ error: 'Name the directory, like “Okta (employees)”.' })
  .trim()
  .min(1, 'Name the directory, like “Okta (employees)”.')
  .max(120, 'Use at most 120 characters.');

const providerSchema = z.enum(DIRECTORY_PROVIDER_KEYS, { error: 'Choose the identity provider.' });

export const directoryRefSchema = z.object({ organizationId: organizationIdSchema, directoryId: z.uuid('Unknown directory.') });
export type DirectoryRefInput = z.infer<typeof directoryRefSchema>;

export const createDirectorySchema = z.object({ organizationId: organizationIdSchema, name: nameSchema, provider: providerSchema });
export type CreateDirectoryInput = z.infer<typeof createDirectorySchema>;

/** A rotated-out token keeps working this long, so the identity provider can be updated. */
export const MAX_OVERLAP_HOURS = 168;
export const rotateTokenSchema = directoryRefSchema.extend({
  overlapHours: z.coerce
    .number({ error: 'Enter a number of hours.' })
    .int('Enter whole hours.')
    .min(0, 'Use 0 to stop the old token at once.')
    .max(MAX_OVERLAP_HOURS, `At most ${MAX_OVERLAP_HOURS} hours (7 days).`)
    .default(24),
});
export type RotateTokenInput = z.infer<typeof rotateTokenSchema>;

export const revokeTokenSchema = directoryRefSchema.extend({ tokenId: z.uuid('Unknown token.') });
export type RevokeTokenInput = z.infer<typeof revokeTokenSchema>;

export const MAX_STALE_HOURS = 720;
export const updateDirectorySchema = directoryRefSchema.extend({
  name: nameSchema,
  provider: providerSchema,
  /** The intended SSO connection; empty for none. */
  ssoConnectionId: z.union([z.literal(''), z.uuid('Choose one of this organization’s connections.')]).default(''),
  suspendOnDeprovision: checkboxSchema,
  staleAfterHours: z.coerce
    .number({ error: 'Enter a number of hours.' })
    .int('Enter whole hours.')
    .min(1, 'At least 1 hour.')
    .max(MAX_STALE_HOURS, `At most ${MAX_STALE_HOURS} hours (30 days).`),
});
export type UpdateDirectoryInput = z.infer<typeof updateDirectorySchema>;

export const deleteDirectorySchema = directoryRefSchema.extend({
  confirmName: z.string({ error: 'Type the directory’s name to delete it.' }).trim(),
});
export type DeleteDirectoryInput = z.infer<typeof deleteDirectorySchema>;

export const reviewDeprovisionedSchema = directoryRefSchema.extend({
  directoryUserId: z.uuid('Unknown directory user.'),
  decision: z.enum(['suspend', 'keep'], { error: 'Choose to suspend or keep the member.' }),
});
export type ReviewDeprovisionedInput = z.infer<typeof reviewDeprovisionedSchema>;

/** New groups create organizations: turning it on needs the explicit approval, recorded. */
export const setOrganizationCreationSchema = directoryRefSchema
  .extend({ enabled: checkboxSchema, approve: checkboxSchema })
  .refine((input) => !input.enabled || input.approve, {
    path: ['approve'],
    message: 'Approve it explicitly: every new group the directory pushes will create an organization.',
  });
export type SetOrganizationCreationInput = z.infer<typeof setOrganizationCreationSchema>;
