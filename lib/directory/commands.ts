import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import {
  createDirectory,
  deleteDirectory,
  reviewDeprovisionedUser,
  revokeDirectoryToken,
  rotateDirectoryToken,
  setOrganizationCreation,
  updateDirectory,
} from './mutations';
import {
  createDirectorySchema,
  deleteDirectorySchema,
  reviewDeprovisionedSchema,
  revokeTokenSchema,
  rotateTokenSchema,
  setOrganizationCreationSchema,
  updateDirectorySchema,
} from './schemas';

/** The console's directory commands (the SCIM writes are in scim-commands.ts). */
export const createDirectoryCommand = defineCommand({
  name: 'directory.create',
  schema: createDirectorySchema,
  permission: 'directory.manage',
  handler: async (context, input) => createDirectory(await db(), context, input),
});

export const rotateDirectoryTokenCommand = defineCommand({
  name: 'directory.rotate_token',
  schema: rotateTokenSchema,
  permission: 'directory.manage',
  handler: async (context, input) => rotateDirectoryToken(await db(), context, input),
});

export const revokeDirectoryTokenCommand = defineCommand({
  name: 'directory.revoke_token',
  schema: revokeTokenSchema,
  permission: 'directory.manage',
  handler: async (context, input) => revokeDirectoryToken(await db(), context, input),
});

export const updateDirectoryCommand = defineCommand({
  name: 'directory.update',
  schema: updateDirectorySchema,
  permission: 'directory.manage',
  handler: async (context, input) => updateDirectory(await db(), context, input),
});

export const reviewDeprovisionedUserCommand = defineCommand({
  name: 'directory.review_deprovisioned',
  schema: reviewDeprovisionedSchema,
  permission: 'directory.manage',
  handler: async (context, input) => reviewDeprovisionedUser(await db(), context, input),
});

export const deleteDirectoryCommand = defineCommand({
  name: 'directory.delete',
  schema: deleteDirectorySchema,
  permission: 'directory.manage',
  handler: async (context, input) => deleteDirectory(await db(), context, input),
});

export const setOrganizationCreationCommand = defineCommand({
  name: 'directory.organization_creation',
  schema: setOrganizationCreationSchema,
  permission: 'directory.manage',
  handler: async (context, input) => setOrganizationCreation(await db(), context, input),
});
