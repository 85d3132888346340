import { z } from 'zod';
import { AUTO_JOIN_ROLES } from '@/lib/access/roles';
import { organizationIdSchema } from '@/lib/organizations/schemas';

export const addDomainSchema = z.object({
  organizationId: organizationIdSchema,
  domain: z
    .string({ error: 'Enter a domain, like acme.com.' })
    .max(300, 'That is too long for a domain.')
    .describe('A domain the organization’s people use, like acme.com; not a consumer mail domain.'),
});
export type AddDomainInput = z.infer<typeof addDomainSchema>;

export const domainRefSchema = z.object({
  organizationId: organizationIdSchema,
  domainId: z.string().uuid('Unknown domain.'),
});
export type DomainRefInput = z.infer<typeof domainRefSchema>;

export const includeSubdomainsSchema = domainRefSchema.extend({
  includeSubdomains: z.enum(['on', 'off']).transform((value) => value === 'on'),
});
export type IncludeSubdomainsInput = z.infer<typeof includeSubdomainsSchema>;

export const enableAutoJoinSchema = z.object({
  organizationId: organizationIdSchema,
  // Owner is never granted by a domain match: the server refuses it whatever the form sends.
  role: z.enum(AUTO_JOIN_ROLES, { error: 'Auto-join can grant Member or Admin, never Owner.' }).default('member'),
  approve: z.literal('yes', { error: 'Approve the access model to turn auto-join on.' }),
});
export type EnableAutoJoinInput = z.infer<typeof enableAutoJoinSchema>;

export const organizationOnlySchema = z.object({ organizationId: organizationIdSchema });
