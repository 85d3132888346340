import { z } from 'zod';
import { ORGANIZATION_STATES } from '@/lib/organizations/state';

/**
 * The JSON body of every webhook delivery, as the fan-out statement (lib/webhooks/fan-out.ts)
 * builds it. The OpenAPI document's `webhooks` section is generated from it, and the integration
 * tests check real deliveries against it.
 */
export const webhookEventPayload = z
  .object({
    type: z.string().describe('The event type, like `organization.state_changed` or `invitation.accepted`.'),
    timestamp: z.iso.datetime({ offset: true }).describe('When it happened.'),
    data: z.object({
      action: z.string().describe('The audit log’s action, more precise than the type (`organization.renamed`).'),
      organization: z
        .object({
          id: z.uuid(),
          slug: z.string().nullable(),
          name: z.string().nullable(),
          state: z.enum(ORGANIZATION_STATES).nullable(),
        })
        .nullable()
        .describe('The organization, as it is when the event is fanned out (null fields once it is deleted).'),
      target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
      actor: z
        .object({ kind: z.string(), id: z.string().nullable() })
        .describe('Who did it: a console user, a member, an API key, a directory, the system.'),
      details: z
        .record(z.string(), z.unknown())
        .describe('What changed: before and after of changed fields, counts, names. Never a secret.'),
    }),
  })
  .meta({ id: 'WebhookEvent' });
