import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from './mutations';
import { createWebhookEndpointSchema, resendWebhookDeliverySchema, updateWebhookEndpointSchema, webhookEndpointRefSchema } from './schemas';

export const createWebhookEndpointCommand = defineCommand({
  name: 'webhooks.create',
  schema: createWebhookEndpointSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => createWebhookEndpoint(await db(), context, input),
});

export const updateWebhookEndpointCommand = defineCommand({
  name: 'webhooks.update',
  schema: updateWebhookEndpointSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => updateWebhookEndpoint(await db(), context, input),
});

export const disableWebhookEndpointCommand = defineCommand({
  name: 'webhooks.disable',
  schema: webhookEndpointRefSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => setWebhookEndpointEnabled(await db(), context, input, false),
});

export const enableWebhookEndpointCommand = defineCommand({
  name: 'webhooks.enable',
  schema: webhookEndpointRefSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => setWebhookEndpointEnabled(await db(), context, input, true),
});

export const rotateWebhookSecretCommand = defineCommand({
  name: 'webhooks.rotate_secret',
  schema: webhookEndpointRefSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => rotateWebhookSecret(await db(), context, input),
});

export const deleteWebhookEndpointCommand = defineCommand({
  name: 'webhooks.delete',
  schema: webhookEndpointRefSchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => deleteWebhookEndpoint(await db(), context, input),
});

export const resendWebhookDeliveryCommand = defineCommand({
  name: 'webhooks.resend',
  schema: resendWebhookDeliverySchema,
  permission: 'webhooks.manage',
  handler: async (context, input) => resendWebhookDelivery(await db(), context, input),
});
