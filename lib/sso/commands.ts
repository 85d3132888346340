import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import {
  configureOidcConnection,
  configureSamlConnection,
  createSsoConnection,
  deleteSsoConnection,
  importSamlMetadata,
  setSsoConnectionEnabled,
  setSsoRequirement,
  startSsoTest,
} from './mutations';
import {
  configureOidcSchema,
  configureSamlSchema,
  connectionRefSchema,
  createSsoConnectionSchema,
  deleteSsoConnectionSchema,
  importSamlMetadataSchema,
  setSsoEnabledSchema,
  setSsoRequirementSchema,
} from './schemas';

/** SSO connection commands: declared once, for server actions now and the API later. */
export const createSsoConnectionCommand = defineCommand({
  name: 'sso.create',
  schema: createSsoConnectionSchema,
  permission: 'sso.manage',
  handler: async (context, input) => createSsoConnection(await db(), context, input),
});

export const configureSamlConnectionCommand = defineCommand({
  name: 'sso.configure_saml',
  schema: configureSamlSchema,
  permission: 'sso.manage',
  handler: async (context, input) => configureSamlConnection(await db(), context, input),
});

export const configureOidcConnectionCommand = defineCommand({
  name: 'sso.configure_oidc',
  schema: configureOidcSchema,
  permission: 'sso.manage',
  handler: async (context, input) => configureOidcConnection(await db(), context, input),
});

export const setSsoConnectionEnabledCommand = defineCommand({
  name: 'sso.set_enabled',
  schema: setSsoEnabledSchema,
  permission: 'sso.manage',
  handler: async (context, input) => setSsoConnectionEnabled(await db(), context, input),
});

export const deleteSsoConnectionCommand = defineCommand({
  name: 'sso.delete',
  schema: deleteSsoConnectionSchema,
  permission: 'sso.manage',
  handler: async (context, input) => deleteSsoConnection(await db(), context, input),
});

export const importSamlMetadataCommand = defineCommand({
  name: 'sso.import_metadata',
  schema: importSamlMetadataSchema,
  permission: 'sso.manage',
  handler: async (context, input) => importSamlMetadata(await db(), context, input),
});

/** A test sign-in: no change to the organization, so no audit event; its attempt is logged. */
export const startSsoTestCommand = defineCommand({
  name: 'sso.test',
  schema: connectionRefSchema,
  permission: 'sso.manage',
  handler: async (context, input) => startSsoTest(await db(), context, input),
});

export const setSsoRequirementCommand = defineCommand({
  name: 'sso.require',
  schema: setSsoRequirementSchema,
  permission: 'sso.manage',
  handler: async (context, input) => setSsoRequirement(await db(), context, input),
});
