import { z } from 'zod';
import { MEMBER_ROLES } from '@/lib/access/roles';
import { organizationIdSchema } from '@/lib/organizations/schemas';

export const memberRefSchema = z.object({
  organizationId: organizationIdSchema,
  membershipId: z.string().uuid('Unknown member.'),
});
export type MemberRefInput = z.infer<typeof memberRefSchema>;

export const changeMemberRoleSchema = memberRefSchema.extend({
  role: z.enum(MEMBER_ROLES, { error: 'Choose a role.' }),
});
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;
