import { z } from 'zod';
import { checkboxSchema } from '@/lib/commands/input';
import { emailSchema } from '@/lib/email/schemas';
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

/** One mapping of a draft (the dry run and its save): the same rules as adding one. */
const draftMappingSchema = z
  .object({
    group: z.string().trim().min(1, 'A mapping needs a group.').max(256, 'Use at most 256 characters for a group.'),
    role: roleKeySchema,
    allowOwner: z.boolean().default(false),
  })
  .refine((mapping) => mapping.role !== 'owner' || mapping.allowOwner, {
    message: 'A mapping grants Owner only when you allow it explicitly.',
  });

export type DraftMapping = z.infer<typeof draftMappingSchema>;

/** A draft of every mapping, sent as JSON from the dry run's editor; a group maps once. */
export const draftMappingsSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The draft could not be read. Reload the page and try again.' });
      return z.NEVER;
    }
  })
  .pipe(z.array(draftMappingSchema).max(100, 'At most 100 mappings.'))
  .superRefine((mappings, ctx) => {
    const seen = new Set<string>();
    for (const mapping of mappings) {
      if (seen.has(mapping.group))
        ctx.addIssue({ code: 'custom', message: `${mapping.group} is mapped twice: keep one mapping per group.` });
      seen.add(mapping.group);
    }
  });

export const saveRoleMappingsSchema = z.object({ organizationId: organizationIdSchema, mappings: draftMappingsSchema });
export type SaveRoleMappingsInput = z.infer<typeof saveRoleMappingsSchema>;

/** The dry run: the draft, and whom to show it for (a directory user, or an address with its groups). */
export const previewRoleMappingsSchema = saveRoleMappingsSchema.extend({
  sampleUser: z.union([z.literal(''), z.uuid('Choose one of the directory’s users.')]).default(''),
  /** With typed groups: whose address they are (a member's current role is shown beside). */
  sampleEmail: z.union([z.literal(''), emailSchema]).default(''),
  sampleGroups: z
    .string()
    .max(4000, 'Use at most 4,000 characters.')
    .default('')
    .transform((text) =>
      text
        .split(/[\n,]/)
        .map((g) => g.trim())
        .filter(Boolean),
    ),
});
export type PreviewRoleMappingsInput = z.infer<typeof previewRoleMappingsSchema>;

export const roleMappingRefSchema = z.object({ organizationId: organizationIdSchema, mappingId: z.string().uuid('Unknown mapping.') });
export type RoleMappingRefInput = z.infer<typeof roleMappingRefSchema>;
