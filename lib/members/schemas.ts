import { z } from 'zod';
import { roleKeySchema } from '@/lib/access/schemas';
import { emailSchema } from '@/lib/email/schemas';
import { organizationIdSchema } from '@/lib/organizations/schemas';

export const memberRefSchema = z.object({
  organizationId: organizationIdSchema,
  membershipId: z.string().uuid('Unknown member.'),
});
export type MemberRefInput = z.infer<typeof memberRefSchema>;

export const changeMemberRoleSchema = memberRefSchema.extend({
  /** Any role the organization can use; the mutation checks it exists there and may be given. */
  role: roleKeySchema.describe('A role key the organization can use.'),
});
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;

/** Adding someone the builder's app already knows, directly (no invitation email): the REST API's members.add. */
export const addMemberSchema = z.object({
  organizationId: organizationIdSchema,
  email: emailSchema.describe('The person’s address; they are created if Orgdesk doesn’t know them yet.'),
  name: z.string().trim().max(200, 'Use at most 200 characters.').optional().describe('Their name, for a person new to Orgdesk.'),
  role: roleKeySchema.default('member').describe('A role key the organization can use.'),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;
