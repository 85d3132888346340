import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyCommand } from '@/lib/api-keys/commands';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addDomainCommand } from '@/lib/domains/commands';
import { runDueJobs } from '@/lib/jobs/runner';
import { renameOrganizationCommand } from '@/lib/organizations/commands';
import {
  createWebhookEndpointCommand,
  deleteWebhookEndpointCommand,
  disableWebhookEndpointCommand,
  enableWebhookEndpointCommand,
  resendWebhookDeliveryCommand,
  rotateWebhookSecretCommand,
  updateWebhookEndpointCommand,
} from '@/lib/webhooks/commands';
import { fanOutWebhookEvents } from '@/lib/webhooks/fan-out';
import { webhookEventPayload } from '@/lib/webhooks/payload';
import { WEBHOOK_DELIVER, WEBHOOK_MAX_ATTEMPTS } from '@/lib/webhooks/policy';
import { builder, createTestOrganization, memberOf, uniqueSlug } from '../factories';

/** A receiver on loopback: records every request, answers with the next queued status (200 once the queue is empty). */
type Received = { path: string; headers: Record<string, string>; body: string };
let server: http.Server;
let origin: string;
const received: Received[] = [];
let answers: number[] = [];
let alwaysAnswer: number | null = null;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
      received.push({ path: request.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = alwaysAnswer ?? answers.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `nope ${'x'.repeat(5000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.OUTBOUND_ALLOW_ORIGINS = origin;
  resetConfig();
});
afterAll(async () => {
  delete process.env.OUTBOUND_ALLOW_ORIGINS;
  resetConfig();
  await new Promise((resolve) => server.close(resolve));
});

/** An endpoint at its own path on the receiver, so each test counts only what reached it. */
async function newEndpoint(eventTypes: string[], url = `${origin}/hooks/${uniqueSlug('endpoint')}`) {
  const created = await createWebhookEndpointCommand(builder, { url, eventTypes, description: 'Test receiver' });
  if (!created.ok) throw new Error(created.message);
  return { ...created.data, path: new URL(url).pathname };
}

/** Verifies a received message as a receiver would, at the time it was signed. */
function verify(secret: string, request: Received) {
  const realNow = Date.now;
  Date.now = () => Number(request.headers['webhook-timestamp']) * 1000;
  try {
    return new Webhook(secret).verify(request.body, request.headers) as Record<string, unknown>;
  } finally {
    Date.now = realNow;
  }
}

/** The audit event a command just wrote for an organization. */
async function lastEvent(organizationId: string, action: string) {
  return (await db()).auditEvent.findFirstOrThrow({ where: { organizationId, action }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] });
}

/** Runs the delivery jobs of one organization (the other test files' events may be fanned out to these endpoints too). */
async function deliver(organizationId: string, now: Date) {
  return runDueJobs(await db(), { kinds: [WEBHOOK_DELIVER], organizationId, now: () => now });
}

const requestsFor = (endpoint: { path: string }, eventId: string) =>
  received.filter((request) => request.path === endpoint.path && request.headers['webhook-id'] === eventId);

async function renamed(organizationId: string, name: string, now = new Date()) {
  const result = await renameOrganizationCommand(builder, { organizationId, name }, { now });
  if (!result.ok) throw new Error(result.message);
  return lastEvent(organizationId, 'organization.renamed');
}

describe('webhooks', () => {
  it('deliver an event to the endpoints subscribed to it, signed so the Standard Webhooks library verifies it, once', async () => {
    const client = await db();
    const endpoint = await newEndpoint(['organization.updated', 'invitation.*']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const row = await client.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(JSON.stringify(row)).not.toContain(endpoint.secret.slice(6));

    const org = await createTestOrganization();
    const event = await renamed(org.id, 'Renamed for webhooks');
    expect(event.webhookType).toBe('organization.updated');
    const domain = await addDomainCommand(builder, { organizationId: org.id, domain: `${uniqueSlug('hook')}.example.org` });
    expect(domain.ok).toBe(true);
    const domainEvent = await lastEvent(org.id, 'domain.added');

    const now = new Date();
    await fanOutWebhookEvents(client, now);
    // Fanned out once: the outbox entries are cleared, and a second pass (or a second instance) makes nothing new.
    expect((await client.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).webhookType).toBeNull();
    await fanOutWebhookEvents(client, now);
    const deliveries = await client.webhookDelivery.findMany({
      where: { endpointId: endpoint.id, eventId: { in: [event.id, domainEvent.id] } },
    });
    expect(deliveries.map((d) => d.eventType)).toEqual(['organization.updated']);

    const summary = await deliver(org.id, now);
    expect(summary.done).toBeGreaterThanOrEqual(1);
    const [request] = requestsFor(endpoint, event.id);
    expect(request).toBeDefined();
    expect(request!.headers['content-type']).toBe('application/json');
    const payload = verify(endpoint.secret, request!);
    // The body is what the OpenAPI document's `webhooks` section says it is.
    expect(webhookEventPayload.safeParse(payload).success).toBe(true);
    expect(payload).toMatchObject({
      type: 'organization.updated',
      timestamp: event.occurredAt.toISOString(),
      data: {
        action: 'organization.renamed',
        organization: { id: org.id, slug: org.slug, name: 'Renamed for webhooks' },
        actor: { kind: 'console_user' },
        details: { name: { after: 'Renamed for webhooks' } },
      },
    });
    // A tampered body fails verification.
    expect(() => verify(endpoint.secret, { ...request!, body: request!.body.replace('Renamed', 'Forged') })).toThrow();
    expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'ok',
      durationMs: expect.any(Number),
      lastError: null,
    });
    await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id });
  });

  it('retry a receiver that fails, with backoff, the same id and the same bytes, until it recovers', async () => {
    const client = await db();
    const endpoint = await newEndpoint(['organization.updated']);
    const org = await createTestOrganization();
    const t0 = new Date();
    const event = await renamed(org.id, 'Retried', t0);
    await fanOutWebhookEvents(client, t0);
    const delivery = await client.webhookDelivery.findUniqueOrThrow({
      where: { endpointId_eventId: { endpointId: endpoint.id, eventId: event.id } },
    });
    answers = [500, 502];

    await deliver(org.id, t0);
    let row = await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'The endpoint answered 500.' });
    expect(row.responseBody!.length).toBe(1000);
    expect(row.nextAttemptAt!.getTime() - t0.getTime()).toBe(5_000);
    expect((await client.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toEqual(t0);

    // Not due yet: nothing is sent.
    expect((await deliver(org.id, new Date(t0.getTime() + 1_000))).claimed).toBe(0);
    const t1 = new Date(t0.getTime() + 6_000);
    await deliver(org.id, t1);
    row = await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 2, responseStatus: 502 });
    expect(row.nextAttemptAt!.getTime() - t1.getTime()).toBe(5 * 60_000);

    await deliver(org.id, new Date(t1.getTime() + 5 * 60_000));
    row = await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, nextAttemptAt: null });
    const tries = requestsFor(endpoint, event.id);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.body)).size).toBe(1);
    for (const attempt of tries) expect(verify(endpoint.secret, attempt)).toMatchObject({ type: 'organization.updated' });
    // A success ends the failing streak.
    expect((await client.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
    await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id });
  });

  it('disable an endpoint that failed for a day, saying why; enabled again, a delivery can be re-sent', async () => {
    const client = await db();
    const endpoint = await newEndpoint(['organization.updated']);
    const org = await createTestOrganization();
    const t0 = new Date();
    const event = await renamed(org.id, 'Always failing', t0);
    await fanOutWebhookEvents(client, t0);
    const delivery = await client.webhookDelivery.findUniqueOrThrow({
      where: { endpointId_eventId: { endpointId: endpoint.id, eventId: event.id } },
    });
    alwaysAnswer = 503;
    try {
      let now = t0;
      for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
        await deliver(org.id, now);
        const row = await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
        expect(row.attempts).toBe(attempt);
        if (!row.nextAttemptAt) break;
        now = row.nextAttemptAt;
      }
      const row = await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(row).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, nextAttemptAt: null });
      // Eight tries over more than a day.
      expect(row.lastAttemptAt!.getTime() - t0.getTime()).toBeGreaterThan(24 * 3_600_000);
      expect(requestsFor(endpoint, event.id)).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    } finally {
      alwaysAnswer = null;
    }
    const disabled = await client.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.disabledReason).toMatch(
      /^Every delivery failed for 24 hours \(the last: The endpoint answered 503\.\)\. Fix the receiver/,
    );
    const audit = await client.auditEvent.findMany({ where: { action: 'webhook.endpoint_disabled', targetId: endpoint.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'system', summary: { reason: 'failing' } });

    // Disabled: new events make no deliveries, and nothing can be re-sent.
    const later = await renamed(org.id, 'While disabled');
    await fanOutWebhookEvents(client, new Date());
    expect(await client.webhookDelivery.count({ where: { endpointId: endpoint.id, eventId: later.id } })).toBe(0);
    expect(await resendWebhookDeliveryCommand(builder, { deliveryId: delivery.id })).toMatchObject({ code: 'endpoint_disabled' });

    expect(await enableWebhookEndpointCommand(builder, { endpointId: endpoint.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await client.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    });
    expect(await resendWebhookDeliveryCommand(builder, { deliveryId: delivery.id })).toMatchObject({ ok: true });
    expect(await resendWebhookDeliveryCommand(builder, { deliveryId: delivery.id })).toMatchObject({ code: 'delivery_in_progress' });
    await runDueJobs(client, { kinds: [WEBHOOK_DELIVER], now: () => new Date() });
    expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    const all = requestsFor(endpoint, event.id);
    expect(all).toHaveLength(WEBHOOK_MAX_ATTEMPTS + 1);
    expect(all.at(-1)!.body).toBe(all[0]!.body);
    expect(await client.auditEvent.count({ where: { action: 'webhook.delivery_resent', targetId: endpoint.id } })).toBe(1);
    await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id });
  });

  it('sign with the old secret beside the new one while a rotation’s overlap lasts', async () => {
    const client = await db();
    const endpoint = await newEndpoint(['organization.updated']);
    const rotated = await rotateWebhookSecretCommand(builder, { endpointId: endpoint.id });
    if (!rotated.ok) throw new Error(rotated.message);
    expect(rotated.data.secret).not.toBe(endpoint.secret);
    const org = await createTestOrganization();
    const during = await renamed(org.id, 'During the overlap');
    await fanOutWebhookEvents(client, new Date());
    await deliver(org.id, new Date());
    const [first] = requestsFor(endpoint, during.id);
    expect(first!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, first!)).toMatchObject({ type: 'organization.updated' });
    expect(verify(rotated.data.secret, first!)).toMatchObject({ type: 'organization.updated' });

    // After the overlap only the new secret signs.
    const after = new Date(rotated.data.previousUntil.getTime() + 60_000);
    const late = await renamed(org.id, 'After the overlap', after);
    await fanOutWebhookEvents(client, after);
    await deliver(org.id, after);
    const [second] = requestsFor(endpoint, late.id);
    expect(second!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verify(rotated.data.secret, second!)).toMatchObject({ type: 'organization.updated' });
    expect(() => verify(endpoint.secret, second!)).toThrow();
    await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id });
  });

  it('refuse a private destination when it is added, and again when it is sent to', async () => {
    const client = await db();
    delete process.env.OUTBOUND_ALLOW_ORIGINS;
    resetConfig();
    try {
      const before = await client.webhookEndpoint.count();
      for (const [url, words] of [
        [`${origin}/hooks`, /https:\/\//],
        ['https://127.0.0.1/hooks', /private, loopback or link-local/],
        ['https://localhost/hooks', /private, loopback or link-local/],
        ['https://10.1.2.3/hooks', /private, loopback or link-local/],
        ['https://169.254.169.254/latest', /private, loopback or link-local/],
        ['https://[::1]/hooks', /private, loopback or link-local/],
      ] as const) {
        const result = await createWebhookEndpointCommand(builder, { url, eventTypes: ['organization.updated'] });
        expect(result, url).toMatchObject({ ok: false, code: 'invalid_input' });
        if (!result.ok) expect(result.fieldErrors?.url?.[0], url).toMatch(words);
      }
      expect(await client.webhookEndpoint.count()).toBe(before);
    } finally {
      process.env.OUTBOUND_ALLOW_ORIGINS = origin;
      resetConfig();
    }

    // Allowed when added (an allow-listed origin), refused at send time once it no longer is.
    const port = new URL(origin).port;
    process.env.OUTBOUND_ALLOW_ORIGINS = `${origin},https://localhost:${port}`;
    resetConfig();
    const endpoint = await newEndpoint(['organization.updated'], `https://localhost:${port}/hooks`);
    process.env.OUTBOUND_ALLOW_ORIGINS = origin;
    resetConfig();
    const org = await createTestOrganization();
    const event = await renamed(org.id, 'Private at send time');
    await fanOutWebhookEvents(client, new Date());
    await deliver(org.id, new Date());
    expect(requestsFor(endpoint, event.id)).toHaveLength(0);
    const row = await client.webhookDelivery.findUniqueOrThrow({
      where: { endpointId_eventId: { endpointId: endpoint.id, eventId: event.id } },
    });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
    expect(row.lastError).toMatch(/private or loopback/);
    await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id });
  });

  it('refuse bad input and change nothing; only the console’s owners and admins manage endpoints', async () => {
    const client = await db();
    const before = await client.webhookEndpoint.count();
    for (const [fields, field] of [
      [{ url: '' }, 'url'],
      [{ url: 'ftp://files.example.com/in' }, 'url'],
      [{ url: 'not an address' }, 'url'],
      [{ eventTypes: [] }, 'eventTypes'],
      [{ eventTypes: ['organization.exploded'] }, 'eventTypes'],
      [{ description: 'x'.repeat(201) }, 'description'],
    ] as const) {
      const result = await createWebhookEndpointCommand(builder, {
        eventTypes: ['member.added'],
        url: `${origin}/hooks`,
        ...(fields as object),
      });
      expect(result, field).toMatchObject({ ok: false, code: 'invalid_input' });
      if (!result.ok) expect(result.fieldErrors?.[field]?.length, field).toBeGreaterThan(0);
    }
    expect(await client.webhookEndpoint.count()).toBe(before);

    const endpoint = await newEndpoint(['member.added']);
    const org = await createTestOrganization();
    const outsiders = [{ ...builder, role: 'viewer' as const }, await memberOf(org.id, 'owner')];
    for (const who of outsiders) {
      expect(await createWebhookEndpointCommand(who, { url: `${origin}/x`, eventTypes: ['member.added'] })).toMatchObject({
        code: 'forbidden',
      });
      expect(await disableWebhookEndpointCommand(who, { endpointId: endpoint.id })).toMatchObject({ code: 'forbidden' });
      expect(await deleteWebhookEndpointCommand(who, { endpointId: endpoint.id })).toMatchObject({ code: 'forbidden' });
    }
    // No API key may hold the power.
    expect(await createApiKeyCommand(builder, { name: 'Hooks', scopes: ['webhooks.manage'] })).toMatchObject({ code: 'invalid_input' });
    await expect(
      client.$executeRaw`INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_by_email) VALUES (gen_random_uuid(), 'x', 'odk_x', ${uniqueSlug('hash')}, ARRAY['webhooks.manage'], 'a@b.c')`,
    ).rejects.toThrow();

    // Unknown ids are "not found".
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await disableWebhookEndpointCommand(builder, { endpointId: missing })).toMatchObject({ code: 'not_found' });
    expect(await rotateWebhookSecretCommand(builder, { endpointId: missing })).toMatchObject({ code: 'not_found' });
    expect(await resendWebhookDeliveryCommand(builder, { deliveryId: missing })).toMatchObject({ code: 'not_found' });
    expect(
      await updateWebhookEndpointCommand(builder, { endpointId: missing, url: `${origin}/x`, eventTypes: ['member.added'] }),
    ).toMatchObject({ code: 'not_found' });

    // A change is audited with what changed; the same values again change nothing.
    const input = { endpointId: endpoint.id, url: `${origin}/hooks/v2`, eventTypes: ['member.added', 'member.removed'], description: '' };
    expect(await updateWebhookEndpointCommand(builder, input)).toMatchObject({ ok: true, data: { changed: true } });
    expect(await updateWebhookEndpointCommand(builder, input)).toMatchObject({ ok: true, data: { changed: false } });
    const audit = await client.auditEvent.findMany({ where: { targetId: endpoint.id }, orderBy: { occurredAt: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['webhook.endpoint_created', 'webhook.endpoint_updated']);
    expect(audit[1]!.summary).toMatchObject({
      url: { after: `${origin}/hooks/v2` },
      eventTypes: { after: ['member.added', 'member.removed'] },
    });
    // The database holds its own rules too.
    await expect(client.webhookEndpoint.update({ where: { id: endpoint.id }, data: { eventTypes: [] } })).rejects.toThrow();
    await expect(client.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date() } })).rejects.toThrow();
    expect(await deleteWebhookEndpointCommand(builder, { endpointId: endpoint.id })).toMatchObject({ ok: true });
    expect(await client.webhookEndpoint.findUnique({ where: { id: endpoint.id } })).toBeNull();
  });
});
