import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { changeOrganizationSlug, createOrganization, deleteOrganization, renameOrganization, setOrganizationSuspended } from './mutations';
import {
  changeSlugSchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  organizationRefSchema,
  renameOrganizationSchema,
} from './schemas';

/** Organization commands: declared once, called by server actions today and the API later. */
export const createOrganizationCommand = defineCommand({
  name: 'organizations.create',
  schema: createOrganizationSchema,
  permission: 'organizations.create',
  handler: async (context, input) => createOrganization(await db(), context, input),
});

export const renameOrganizationCommand = defineCommand({
  name: 'organizations.rename',
  schema: renameOrganizationSchema,
  permission: 'organizations.manage',
  handler: async (context, input) => renameOrganization(await db(), context, input),
});

export const changeOrganizationSlugCommand = defineCommand({
  name: 'organizations.change_slug',
  schema: changeSlugSchema,
  permission: 'organizations.manage',
  handler: async (context, input) => changeOrganizationSlug(await db(), context, input),
});

export const suspendOrganizationCommand = defineCommand({
  name: 'organizations.suspend',
  schema: organizationRefSchema,
  permission: 'organizations.suspend',
  handler: async (context, input) => setOrganizationSuspended(await db(), context, input.organizationId, true),
});

export const reactivateOrganizationCommand = defineCommand({
  name: 'organizations.reactivate',
  schema: organizationRefSchema,
  permission: 'organizations.suspend',
  handler: async (context, input) => setOrganizationSuspended(await db(), context, input.organizationId, false),
});

export const deleteOrganizationCommand = defineCommand({
  name: 'organizations.delete',
  schema: deleteOrganizationSchema,
  permission: 'organizations.delete',
  handler: async (context, input) => deleteOrganization(await db(), context, input),
});
