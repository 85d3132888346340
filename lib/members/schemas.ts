import { z } from 'zod';
import { roleKeySchema } from '@/lib/access/schemas';
import { organizationIdSchema } from '@/lib/organizations/schemas';

export const memberRefSchema = z.object({
  organizationId: organizationIdSchema,
  membershipId: z.string().uuid('Unknown member.'),
});
export type MemberRefInput = z.infer<typeof memberRefSchema>;

export const changeMemberRoleSchema = memberRefSchema.extend({
  /** Any role the organization can use; the mutation checks it exists there and may be given. */
  role: roleKeySchema,
});
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;
