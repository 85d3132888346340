import { z } from 'zod';
import { roleKeySchema } from '@/lib/access/schemas';
import { organizationIdSchema } from '@/lib/organizations/schemas';

const roleListSchema = z
  .union([z.array(roleKeySchema), roleKeySchema])
  .default([])
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]);

const groupFields = {
  organizationId: organizationIdSchema,
  name: z
    .string({ error: 'Enter a name.' })
    .trim()
    .min(1, 'Enter a name.')
    .max(100, 'Use at most 100 characters.')
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Remove line breaks and control characters.'),
  description: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
  /** The roles every member of the group receives, on top of their own. */
  roles: roleListSchema,
};

export const createGroupSchema = z.object(groupFields);
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const groupRefSchema = z.object({ organizationId: organizationIdSchema, groupId: z.string().uuid('Unknown group.') });
export type GroupRefInput = z.infer<typeof groupRefSchema>;

export const updateGroupSchema = z.object({ ...groupFields, groupId: z.string().uuid('Unknown group.') });
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

export const groupMemberSchema = groupRefSchema.extend({ membershipId: z.string().uuid('Choose a member.') });
export type GroupMemberInput = z.infer<typeof groupMemberSchema>;
