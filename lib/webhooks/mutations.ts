import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { seal } from '@/lib/crypto/sealed';
import type { Db } from '@/lib/db/client';
import { refusedDestination } from '@/lib/http/outbound';
import { enqueueJob } from '@/lib/jobs/queue';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { WEBHOOK_DELIVER, WEBHOOK_MAX_ATTEMPTS } from './policy';
import type {
  CreateWebhookEndpointInput,
  ResendWebhookDeliveryInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointRefInput,
} from './schemas';
import { newSigningSecret } from './signing';

/** How long a rotated secret keeps signing beside the new one, so the receiver can switch over. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

function label(endpoint: { url: string }) {
  return endpoint.url.length > 120 ? `${endpoint.url.slice(0, 117)}…` : endpoint.url;
}

/** The destination check, as a field error beside the address. */
async function checkUrl(url: string): Promise<Result<null>> {
  const refused = await refusedDestination(url, getConfig().outboundAllowOrigins);
  return refused ? fail('invalid_input', undefined, { fieldErrors: { url: [refused] } }) : ok(null);
}

/** Adds an endpoint with its own signing secret, shown once here and sealed on its row. */
export async function createWebhookEndpoint(
  client: Db,
  context: CommandContext,
  input: CreateWebhookEndpointInput,
): Promise<Result<{ id: string; secret: string }>> {
  const checked = await checkUrl(input.url);
  if (!checked.ok) return checked;
  const secret = newSigningSecret();
  return client.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        secretSealed: seal(secret, getConfig().authSecret, 'webhookSecret'),
        createdByEmail: principalRecord(context.principal).email ?? 'Orgdesk',
        createdAt: context.now,
        updatedAt: context.now,
      },
      select: { id: true },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'webhook.endpoint_created',
      target: { type: 'webhook_endpoint', id: created.id, label: label(input) },
      summary: { eventTypes: input.eventTypes },
    });
    return ok({ id: created.id, secret });
  });
}

/** Changes an endpoint's address, events and description. */
export async function updateWebhookEndpoint(
  client: Db,
  context: CommandContext,
  input: UpdateWebhookEndpointInput,
): Promise<Result<{ changed: boolean }>> {
  const checked = await checkUrl(input.url);
  if (!checked.ok) return checked;
  return client.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id: input.endpointId },
      select: { url: true, eventTypes: true, description: true },
    });
    if (!before) return notFound();
    const changes = changedFields(
      { url: before.url, description: before.description, eventTypes: before.eventTypes.join() },
      { url: input.url, description: input.description, eventTypes: input.eventTypes.join() },
    );
    if (changes.eventTypes) changes.eventTypes = { before: before.eventTypes, after: input.eventTypes };
    if (!Object.keys(changes).length) return ok({ changed: false });
    await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: { url: input.url, description: input.description, eventTypes: input.eventTypes, updatedAt: context.now },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'webhook.endpoint_updated',
      target: { type: 'webhook_endpoint', id: input.endpointId, label: label(input) },
      summary: changes,
    });
    return ok({ changed: true });
  });
}

/**
 * Disables an endpoint (no new deliveries; queued ones stop at their next try), or enables it
 * again with its failure streak cleared. Doing what is already done changes nothing.
 */
export async function setWebhookEndpointEnabled(
  client: Db,
  context: CommandContext,
  input: WebhookEndpointRefInput,
  enabled: boolean,
): Promise<Result<{ changed: boolean }>> {
  return client.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.endpointId }, select: { url: true, disabledAt: true } });
    if (!endpoint) return notFound();
    if ((endpoint.disabledAt === null) === enabled) return ok({ changed: false });
    const who = principalRecord(context.principal).email ?? 'Orgdesk';
    await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: enabled
        ? { disabledAt: null, disabledReason: null, failingSince: null, updatedAt: context.now }
        : { disabledAt: context.now, disabledReason: `Disabled by ${who}.`, updatedAt: context.now },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: enabled ? 'webhook.endpoint_enabled' : 'webhook.endpoint_disabled',
      target: { type: 'webhook_endpoint', id: input.endpointId, label: label(endpoint) },
    });
    return ok({ changed: true });
  });
}

/** A new signing secret, shown once; the old one keeps signing beside it for a day. */
export async function rotateWebhookSecret(
  client: Db,
  context: CommandContext,
  input: WebhookEndpointRefInput,
): Promise<Result<{ secret: string; previousUntil: Date }>> {
  const secret = newSigningSecret();
  const previousUntil = new Date(context.now.getTime() + SECRET_OVERLAP_MS);
  return client.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.endpointId }, select: { url: true, secretSealed: true } });
    if (!endpoint) return notFound();
    await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: {
        secretSealed: seal(secret, getConfig().authSecret, 'webhookSecret'),
        previousSecretSealed: endpoint.secretSealed,
        previousSecretExpiresAt: previousUntil,
        updatedAt: context.now,
      },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'webhook.secret_rotated',
      target: { type: 'webhook_endpoint', id: input.endpointId, label: label(endpoint) },
      summary: { previousSecretUntil: previousUntil.toISOString() },
    });
    return ok({ secret, previousUntil });
  });
}

/** Deletes an endpoint with its deliveries; their queued jobs find nothing and end. */
export async function deleteWebhookEndpoint(
  client: Db,
  context: CommandContext,
  input: WebhookEndpointRefInput,
): Promise<Result<{ deleted: true }>> {
  return client.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: input.endpointId }, select: { url: true } });
    if (!endpoint) return notFound();
    await tx.webhookEndpoint.delete({ where: { id: input.endpointId } });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'webhook.endpoint_deleted',
      target: { type: 'webhook_endpoint', id: input.endpointId, label: label(endpoint) },
    });
    return ok({ deleted: true });
  });
}

/**
 * Sends a delivery again, now: the same message under the same id, so a receiver that already
 * handled it can tell. Refused while the endpoint is disabled, or while the delivery is still
 * being retried.
 */
export async function resendWebhookDelivery(
  client: Db,
  context: CommandContext,
  input: ResendWebhookDeliveryInput,
): Promise<Result<{ queued: true }>> {
  return client.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: input.deliveryId },
      select: { id: true, status: true, eventType: true, endpoint: { select: { id: true, url: true, disabledAt: true } } },
    });
    if (!delivery) return notFound();
    if (delivery.endpoint.disabledAt) return fail('endpoint_disabled');
    if (delivery.status === 'pending') return fail('delivery_in_progress');
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'pending', attempts: 0, nextAttemptAt: context.now },
    });
    await enqueueJob(
      tx,
      { kind: WEBHOOK_DELIVER, payload: { deliveryId: delivery.id }, subjectId: delivery.id, maxAttempts: WEBHOOK_MAX_ATTEMPTS },
      context.now,
    );
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'webhook.delivery_resent',
      target: { type: 'webhook_endpoint', id: delivery.endpoint.id, label: label(delivery.endpoint) },
      summary: { delivery: delivery.id, eventType: delivery.eventType },
    });
    return ok({ queued: true });
  });
}
