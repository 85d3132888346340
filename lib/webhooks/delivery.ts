import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { unseal } from '@/lib/crypto/sealed';
import type { Tx } from '@/lib/db/client';
import { outboundRequest } from '@/lib/http/outbound';
import { defineJobKind } from '@/lib/jobs/kind';
import {
  DISABLE_AFTER_FAILING_MS,
  delivered,
  RESPONSE_BODY_KEPT,
  SEND_TIMEOUT_MS,
  shouldDisable,
  WEBHOOK_DELIVER,
  WEBHOOK_MAX_ATTEMPTS,
  webhookRetryDelayMs,
} from './policy';
import { signedHeaders } from './signing';

const SYSTEM = { principal: systemPrincipal('webhook delivery'), request: { ip: null, requestId: null } };

/** The secrets a message is signed with now: the current one, and the previous one while its overlap lasts. */
function signingSecrets(
  endpoint: { secretSealed: string; previousSecretSealed: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] | null {
  const secret = getConfig().authSecret;
  const current = unseal(endpoint.secretSealed, secret, 'webhookSecret');
  if (!current) return null;
  const previous =
    endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
      ? unseal(endpoint.previousSecretSealed, secret, 'webhookSecret')
      : null;
  return previous ? [current, previous] : [current];
}

/** One try's record on the delivery row, whatever its outcome. */
type Attempt = { status: number | null; body: string | null; durationMs: number; error: string | null };

/**
 * Delivers one event to one endpoint: the stored message, signed (Standard Webhooks), POSTed
 * through the outbound guard (public addresses only, checked on the address connected to). A 2xx
 * is delivered; anything else is retried with backoff, and an endpoint whose every delivery has
 * failed for a day is disabled, saying why, with an audit event.
 */
export const webhookDeliveryJob = defineJobKind({
  kind: WEBHOOK_DELIVER,
  payload: z.object({ deliveryId: z.uuid() }),
  leaseMs: 2 * 60_000,
  timeoutMs: SEND_TIMEOUT_MS + 15_000,
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  concurrency: 8,
  retryDelayMs: webhookRetryDelayMs,
  async onDead(tx, job) {
    await tx.webhookDelivery.updateMany({
      where: { id: job.payload.deliveryId, status: 'pending' },
      data: { status: 'failed', nextAttemptAt: null },
    });
  },
  async handle(client, job, now) {
    const delivery = await client.webhookDelivery.findUnique({ where: { id: job.payload.deliveryId }, include: { endpoint: true } });
    if (!delivery) return { status: 'cancelled', reason: 'The endpoint was deleted.' };
    if (delivery.status !== 'pending') return { status: 'cancelled', reason: `The delivery already ${delivery.status}.` };
    const { endpoint } = delivery;
    if (endpoint.disabledAt) {
      const reason = `The endpoint was disabled: ${endpoint.disabledReason ?? ''}`.trim();
      return {
        status: 'cancelled',
        reason,
        commit: async (tx) => {
          await tx.webhookDelivery.update({
            where: { id: delivery.id },
            data: { status: 'failed', lastError: reason, nextAttemptAt: null },
          });
        },
      };
    }
    const secrets = signingSecrets(endpoint, now);
    if (!secrets) return { status: 'dead', error: 'AUTH_SECRET changed since the signing secret was made: rotate the endpoint’s secret.' };

    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const started = performance.now();
    const answer = await outboundRequest(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(secrets, delivery.eventId, timestamp, body) },
      body: Buffer.from(body),
      allowOrigins: getConfig().outboundAllowOrigins,
      timeoutMs: SEND_TIMEOUT_MS,
      maxBytes: RESPONSE_BODY_KEPT * 4,
      truncate: true,
    });
    const attempt: Attempt = answer.ok
      ? {
          status: answer.data.status,
          body: answer.data.body.toString('utf8').slice(0, RESPONSE_BODY_KEPT),
          durationMs: Math.round(performance.now() - started),
          error: delivered(answer.data.status) ? null : `The endpoint answered ${answer.data.status}.`,
        }
      : { status: null, body: null, durationMs: Math.round(performance.now() - started), error: answer.message };
    const record = {
      attempts: job.attempts,
      lastAttemptAt: now,
      responseStatus: attempt.status,
      responseBody: attempt.body,
      durationMs: attempt.durationMs,
      lastError: attempt.error,
    };

    if (attempt.error === null) {
      return {
        status: 'done',
        commit: async (tx) => {
          await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { ...record, status: 'succeeded', nextAttemptAt: null } });
          await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
        },
      };
    }
    const last = job.attempts >= job.maxAttempts;
    return {
      status: 'retry',
      error: attempt.error,
      commit: async (tx) => {
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { ...record, nextAttemptAt: last ? null : new Date(now.getTime() + webhookRetryDelayMs(job.attempts)) },
        });
        await markFailing(tx, endpoint.id, attempt.error!, now);
      },
    };
  },
});

/**
 * Records a failure against the endpoint: the start of its failing streak, and once the streak
 * has lasted a day, the endpoint is disabled (once: the update is guarded), with an audit event.
 */
async function markFailing(tx: Tx, endpointId: string, error: string, now: Date) {
  const [row] = await tx.$queryRaw<{ failing_since: Date; url: string }[]>`
    UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, ${now})
    WHERE id = ${endpointId}::uuid AND disabled_at IS NULL
    RETURNING failing_since, url`;
  if (!row || !shouldDisable(row.failing_since, now)) return;
  const hours = Math.round(DISABLE_AFTER_FAILING_MS / 3_600_000);
  const reason = `Every delivery failed for ${hours} hours (the last: ${error}). Fix the receiver, then enable the endpoint and re-send what it missed.`;
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, disabledAt: null },
    data: { disabledAt: now, disabledReason: reason.slice(0, 500), updatedAt: now },
  });
  if (count) {
    await recordAudit(
      tx,
      { ...SYSTEM, now },
      {
        organizationId: null,
        action: 'webhook.endpoint_disabled',
        target: { type: 'webhook_endpoint', id: endpointId, label: row.url },
        summary: { reason: 'failing', failingSince: row.failing_since.toISOString() },
      },
    );
  }
}
