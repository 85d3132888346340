import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { createApiKey, revokeApiKey } from './mutations';
import { apiKeyRefSchema, createApiKeySchema } from './schemas';

export const createApiKeyCommand = defineCommand({
  name: 'api_keys.create',
  schema: createApiKeySchema,
  permission: 'api_keys.manage',
  handler: async (context, input) => createApiKey(await db(), context, input),
});

export const revokeApiKeyCommand = defineCommand({
  name: 'api_keys.revoke',
  schema: apiKeyRefSchema,
  permission: 'api_keys.manage',
  handler: async (context, input) => revokeApiKey(await db(), context, input),
});
