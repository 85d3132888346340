import { z } from 'zod';
import { checkboxSchema } from '@/lib/commands/input';
import { organizationIdSchema } from '@/lib/organizations/schemas';

/** A role's key, as apps and mappings use it; the database holds the same rule. */
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_.:-]{0,62}$/;
/** A permission's key, e.g. `reports:export`; the database holds the same rule. */
export const PERMISSION_KEY_PATTERN = /^[a-z][a-z0-9_.:-]{0,99}$/;

const keyMessage = 'Use lowercase letters, digits, and _ . : or -, starting with a letter.';

export const roleKeySchema = z
  .string({ error: 'Choose a role.' })
  .trim()
  .min(1, 'Choose a role.')
  .max(63, 'Use at most 63 characters.')
  .regex(ROLE_KEY_PATTERN, 'Choose a role.');

const newRoleKeySchema = z
  .string({ error: 'Enter a key.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter a key.')
  .max(63, 'Use at most 63 characters.')
  .regex(ROLE_KEY_PATTERN, keyMessage);

const roleNameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Remove line breaks and control characters.');

const descriptionSchema = z.string().trim().max(500, 'Use at most 500 characters.').default('');

/** The permission keys a role form ticks (a checkbox list arrives as an array, or one value). */
const permissionListSchema = z
  .union([z.array(z.string()), z.string()])
  .default([])
  .transform((value) => [...new Set((Array.isArray(value) ? value : [value]).map((key) => key.trim()).filter(Boolean))]);

export const createRoleSchema = z.object({
  key: newRoleKeySchema,
  name: roleNameSchema,
  description: descriptionSchema,
  operatingTeam: checkboxSchema,
  /** "all", or the one organization it may be used in. */
  scope: z.union([z.literal('all'), organizationIdSchema]).default('all'),
  permissions: permissionListSchema,
});
export type CreateRoleInput = z.infer<typeof createRoleSchema>;

export const updateRoleSchema = z.object({
  roleKey: roleKeySchema,
  name: roleNameSchema,
  description: descriptionSchema,
  operatingTeam: checkboxSchema,
  permissions: permissionListSchema,
});
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;

export const deleteRoleSchema = z.object({
  roleKey: roleKeySchema,
  /** Where its members, invitations and auto-join settings go first, when it is in use. */
  moveTo: z.union([z.literal(''), roleKeySchema]).default(''),
});
export type DeleteRoleInput = z.infer<typeof deleteRoleSchema>;

export const createPermissionSchema = z.object({
  key: z
    .string({ error: 'Enter a key.' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter a key, for example reports:export.')
    .max(100, 'Use at most 100 characters.')
    .regex(PERMISSION_KEY_PATTERN, keyMessage),
  description: z.string().trim().min(1, 'Say what it allows, in a sentence.').max(500, 'Use at most 500 characters.'),
});
export type CreatePermissionInput = z.infer<typeof createPermissionSchema>;

export const permissionRefSchema = z.object({ key: z.string().trim().min(1).max(100) });
export type PermissionRefInput = z.infer<typeof permissionRefSchema>;

/** A group → role mapping: the group as the identity provider sends it, the role, and (for Owner) the explicit allowance. */
export const addRoleMappingSchema = z
  .object({
    organizationId: organizationIdSchema,
    group: z
      .string({ error: 'Enter the group’s name or id, as the identity provider sends it.' })
      .trim()
      .min(1, 'Enter the group’s name or id, as the identity provider sends it.')
      .max(256, 'Use at most 256 characters.'),
    role: roleKeySchema,
    allowOwner: checkboxSchema,
  })
  .refine((input) => input.role !== 'owner' || input.allowOwner, {
    path: ['allowOwner'],
    message: 'A mapping grants Owner only when you allow it explicitly: tick the box, or choose another role.',
  });
export type AddRoleMappingInput = z.infer<typeof addRoleMappingSchema>;

export const roleMappingRefSchema = z.object({ organizationId: organizationIdSchema, mappingId: z.string().uuid('Unknown mapping.') });
export type RoleMappingRefInput = z.infer<typeof roleMappingRefSchema>;
