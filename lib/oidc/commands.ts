import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { rotateSigningKey } from './keys';
import { createApplication, deleteApplication, rotateApplicationSecret, updateApplication } from './mutations';
import { applicationRefSchema, createApplicationSchema, rotateSigningKeySchema, updateApplicationSchema } from './schemas';

export const createApplicationCommand = defineCommand({
  name: 'applications.create',
  schema: createApplicationSchema,
  permission: 'applications.manage',
  handler: async (context, input) => createApplication(await db(), context, input),
});

export const updateApplicationCommand = defineCommand({
  name: 'applications.update',
  schema: updateApplicationSchema,
  permission: 'applications.manage',
  handler: async (context, input) => updateApplication(await db(), context, input),
});

export const rotateApplicationSecretCommand = defineCommand({
  name: 'applications.rotate_secret',
  schema: applicationRefSchema,
  permission: 'applications.manage',
  handler: async (context, input) => rotateApplicationSecret(await db(), context, input),
});

export const deleteApplicationCommand = defineCommand({
  name: 'applications.delete',
  schema: applicationRefSchema,
  permission: 'applications.manage',
  handler: async (context, input) => deleteApplication(await db(), context, input),
});

export const rotateSigningKeyCommand = defineCommand({
  name: 'oidc.rotate_signing_key',
  schema: rotateSigningKeySchema,
  permission: 'applications.manage',
  handler: async (context) => rotateSigningKey(await db(), context),
});
