import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { apiHandler } from '../lib/api/route';
import { newApiKey } from '../lib/api-keys/auth';
import { contextFor } from '../lib/commands/define';
import { resetConfig } from '../lib/config';
import type { Db } from '../lib/db/client';
import { runDueJobs } from '../lib/jobs/runner';
import { fanOutWebhookEvents } from '../lib/webhooks/fan-out';
import { createWebhookEndpoint } from '../lib/webhooks/mutations';
import { countStatements } from './audit';

type Measure = (fn: (i: number) => Promise<unknown>) => Promise<{ p50: number; p95: number }>;

/**
 * What the builder's app leans on: the permission check it makes on every request (through the
 * API's own route handler: key check and rate limit, then the one-statement read), and webhook
 * deliveries per second to a receiver on loopback (fan-out, then the job queue with its HTTP
 * POSTs, signatures and bookkeeping), each with the statements it sends.
 */
export async function benchApp(client: Db, measure: Measure, deliveries: number) {
  const members = await client.membership.findMany({
    where: { status: 'active' },
    select: { organizationId: true, userId: true },
    take: 200,
    orderBy: { id: 'asc' },
  });
  const { key, hash, prefix } = newApiKey();
  await client.apiKey.create({
    data: { name: 'Bench app', prefix, keyHash: hash, scopes: ['members.read'], createdByEmail: 'bench@orgdesk.test' },
  });
  const check = apiHandler('GET', '/organizations/{id}/permissions');
  const call = async (i: number) => {
    const member = members[i % members.length]!;
    const response = await check(
      new Request(`http://bench.test/api/v1/organizations/${member.organizationId}/permissions?userId=${member.userId}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({ id: member.organizationId }) },
    );
    if (response.status !== 200) throw new Error(`permission check answered ${response.status}: ${await response.text()}`);
  };
  const timing = await measure(call);
  const counted = await countStatements(client, () => call(0));
  const permissionCheck = { ...timing, statements: counted.count, sql: counted.statements };

  // Webhooks: a receiver on loopback (allow-listed, as the tests do), one endpoint, `deliveries` events.
  let received = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.OUTBOUND_ALLOW_ORIGINS = origin;
  resetConfig();
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const context = contextFor({ kind: 'console_user', userId: user.id, email: user.email, role: 'owner' }, new Date());
  const endpoint = await createWebhookEndpoint(client, context, {
    url: `${origin}/hooks`,
    eventTypes: ['organization.updated'],
    description: '',
  });
  if (!endpoint.ok) throw new Error(endpoint.message);
  await client.$executeRaw`
    INSERT INTO audit_events (id, occurred_at, organization_id, actor_kind, action, target_type, target_id, target_label, webhook_type)
    SELECT gen_random_uuid(), now(), o.id, 'system', 'organization.renamed', 'organization', o.id::text, o.slug, 'organization.updated'
    FROM organizations o ORDER BY o.id LIMIT ${deliveries}`;
  let statements = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const work = async () => {
    for (;;) {
      const fanned = await fanOutWebhookEvents(client, new Date());
      if (fanned.events === 0) break;
    }
    while (received < deliveries) {
      const summary = await runDueJobs(client, { kinds: ['webhook.deliver'] });
      if (summary.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  statements = (await countStatements(client, work)).count;
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  server.close();
  const succeeded = await client.webhookDelivery.count({ where: { status: 'succeeded' } });
  return {
    permissionCheck,
    webhooks: {
      deliveries,
      succeeded,
      perSecond: deliveries / seconds,
      statementsPerDelivery: statements / deliveries,
      cpuPerDeliveryMs: (cpu.user + cpu.system) / 1000 / deliveries,
    },
  };
}
