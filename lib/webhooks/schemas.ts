import { z } from 'zod';
import { WEBHOOK_SUBSCRIPTION_NAMES } from './events';

const url = z
  .string({ error: 'Enter the endpoint’s address, like https://app.example.com/webhooks/orgdesk.' })
  .trim()
  .min(1, 'Enter the endpoint’s address, like https://app.example.com/webhooks/orgdesk.')
  .max(2000, 'At most 2,000 characters.')
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'Enter a full address that starts with https://.',
  })
  .describe('Where Orgdesk POSTs events: an https:// address on a public network.');

const eventTypes = z
  .array(z.enum(WEBHOOK_SUBSCRIPTION_NAMES as [string, ...string[]], { error: 'Choose events from the list.' }), {
    error: 'Choose at least one event.',
  })
  .min(1, 'Choose at least one event.')
  .transform((types) => WEBHOOK_SUBSCRIPTION_NAMES.filter((name) => types.includes(name)))
  .describe('The events to receive: organization and member events by name, the others by family (`invitation.*`).');

const description = z.string().trim().max(200, 'At most 200 characters.').default('');

export const createWebhookEndpointSchema = z.object({ url, eventTypes, description });
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const webhookEndpointRefSchema = z.object({ endpointId: z.uuid('Unknown webhook endpoint.') });
export type WebhookEndpointRefInput = z.infer<typeof webhookEndpointRefSchema>;

export const updateWebhookEndpointSchema = webhookEndpointRefSchema.extend({ url, eventTypes, description });
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const resendWebhookDeliverySchema = z.object({ deliveryId: z.uuid('Unknown delivery.') });
export type ResendWebhookDeliveryInput = z.infer<typeof resendWebhookDeliverySchema>;
