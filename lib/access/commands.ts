import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { createPermission, createRole, deletePermission, deleteRole, updateRole } from './mutations';
import { addRoleMapping, removeRoleMapping, reviewRoleMappings, saveRoleMappings } from './role-mappings';
import {
  addRoleMappingSchema,
  createPermissionSchema,
  createRoleSchema,
  deleteRoleSchema,
  permissionRefSchema,
  previewRoleMappingsSchema,
  roleMappingRefSchema,
  saveRoleMappingsSchema,
  updateRoleSchema,
} from './schemas';

/** Role and permission commands: console-level, so only a principal that reaches every organization holds roles.manage. */
export const createRoleCommand = defineCommand({
  name: 'roles.create',
  schema: createRoleSchema,
  permission: 'roles.manage',
  handler: async (context, input) => createRole(await db(), context, input),
});

export const updateRoleCommand = defineCommand({
  name: 'roles.update',
  schema: updateRoleSchema,
  permission: 'roles.manage',
  handler: async (context, input) => updateRole(await db(), context, input),
});

export const deleteRoleCommand = defineCommand({
  name: 'roles.delete',
  schema: deleteRoleSchema,
  permission: 'roles.manage',
  handler: async (context, input) => deleteRole(await db(), context, input),
});

export const createPermissionCommand = defineCommand({
  name: 'permissions.create',
  schema: createPermissionSchema,
  permission: 'roles.manage',
  handler: async (context, input) => createPermission(await db(), context, input),
});

export const deletePermissionCommand = defineCommand({
  name: 'permissions.delete',
  schema: permissionRefSchema,
  permission: 'roles.manage',
  handler: async (context, input) => deletePermission(await db(), context, input),
});

/** Group → role mappings, managed with the organization's SSO (directory sync shares them). */
export const addRoleMappingCommand = defineCommand({
  name: 'role_mapping.add',
  schema: addRoleMappingSchema,
  permission: 'sso.manage',
  handler: async (context, input) => addRoleMapping(await db(), context, input),
});

/** The dry run of a draft of mappings: reads only, except the record that the saved mappings were reviewed. */
export const previewRoleMappingsCommand = defineCommand({
  name: 'role_mapping.preview',
  schema: previewRoleMappingsSchema,
  permission: 'sso.manage',
  handler: async (context, input) => reviewRoleMappings(await db(), context, input),
});

/** Saves a reviewed draft of every mapping at once. */
export const saveRoleMappingsCommand = defineCommand({
  name: 'role_mapping.save',
  schema: saveRoleMappingsSchema,
  permission: 'sso.manage',
  handler: async (context, input) => saveRoleMappings(await db(), context, input),
});

export const removeRoleMappingCommand = defineCommand({
  name: 'role_mapping.remove',
  schema: roleMappingRefSchema,
  permission: 'sso.manage',
  handler: async (context, input) => removeRoleMapping(await db(), context, input),
});
