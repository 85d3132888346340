import { z } from 'zod';
import { roleKeySchema } from '@/lib/access/schemas';
import { checkboxSchema } from '@/lib/commands/input';
import { organizationIdSchema } from '@/lib/organizations/schemas';
import { ADDRESS_LIST_MAX_CHARS, ADDRESS_LIST_TOO_LONG, DEFAULT_INVITATION_ROLE, INVITATION_LIFETIME_DAYS } from './policy';

/** Any role the organization can use (checked by the mutation, with the ceiling on granting). */
export const invitationRoleSchema = roleKeySchema.default(DEFAULT_INVITATION_ROLE);

export const expiresInDaysSchema = z.coerce
  .number({ error: 'Enter a number of days.' })
  .int('Enter a whole number of days.')
  .min(INVITATION_LIFETIME_DAYS.min, `Choose ${INVITATION_LIFETIME_DAYS.min} to ${INVITATION_LIFETIME_DAYS.max} days.`)
  .max(INVITATION_LIFETIME_DAYS.max, `Choose ${INVITATION_LIFETIME_DAYS.min} to ${INVITATION_LIFETIME_DAYS.max} days.`)
  .default(INVITATION_LIFETIME_DAYS.default);

export const reviewInvitationsSchema = z.object({
  organizationId: organizationIdSchema,
  addresses: z
    .string({ error: 'Enter at least one email address.' })
    .max(ADDRESS_LIST_MAX_CHARS, ADDRESS_LIST_TOO_LONG)
    .refine((value) => value.trim() !== '', 'Enter at least one email address.')
    .describe('Up to 100 addresses, separated by commas, spaces or new lines.'),
  role: invitationRoleSchema.describe('The role each invitee gets on accepting.'),
  expiresInDays: expiresInDaysSchema.describe('Days until the links expire.'),
});
export type ReviewInvitationsInput = z.infer<typeof reviewInvitationsSchema>;

/** Sending re-reviews the same list on the server; `confirm` names warned addresses to send anyway. */
export const sendInvitationsSchema = reviewInvitationsSchema.extend({
  confirm: z.array(z.string()).default([]).describe('Warned addresses (outside the verified domains, consumer mail) to send anyway.'),
});
export type SendInvitationsInput = z.infer<typeof sendInvitationsSchema>;

export const testInvitationSchema = z.object({
  organizationId: organizationIdSchema,
  role: invitationRoleSchema,
  expiresInDays: expiresInDaysSchema,
});
export type TestInvitationInput = z.infer<typeof testInvitationSchema>;

export const invitationRefSchema = z.object({
  organizationId: organizationIdSchema,
  invitationId: z.string().uuid('Unknown invitation.'),
});
export type InvitationRefInput = z.infer<typeof invitationRefSchema>;

/** "Fix the address and re-invite": a bounced or undeliverable invitation goes to a corrected address. */
export const reinviteSchema = invitationRefSchema.extend({
  email: z.string({ error: 'Enter the corrected email address.' }).trim().min(1, 'Enter the corrected email address.').max(254),
  /** Send even when the address is outside the verified domains or at a consumer mail domain. */
  confirmWarnings: checkboxSchema,
});
export type ReinviteInput = z.infer<typeof reinviteSchema>;

export const INVITATION_STATUS_FILTERS = ['all', 'pending', 'accepted', 'revoked', 'expired'] as const;
export const invitationStatusFilterSchema = z.enum(INVITATION_STATUS_FILTERS).catch('all');
export type InvitationStatusFilter = z.infer<typeof invitationStatusFilterSchema>;
