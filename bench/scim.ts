import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { handleScim } from '../app/api/scim/v2/handler';
import { contextFor } from '../lib/commands/define';
import { type Db, setDb } from '../lib/db/client';
import { createDirectory } from '../lib/directory/mutations';
import { createBatchStats } from '../lib/directory/sync';
import { createOrganization } from '../lib/organizations/mutations';
import { countStatements } from './audit';
import type { CommandFigure } from './commands';

type Measure = (fn: (i: number) => Promise<unknown>) => Promise<{ p50: number; p95: number }>;

/**
 * Directory sync, as issue 12 asks, through the whole SCIM adapter (token check, rate limit,
 * command, event log): user creates per second with 8 concurrent clients (each create makes a
 * member, with its account, role, end-user activity, audit events and state recompute), and a
 * filtered list's time with 10,000 users in one directory. Each with the statements it sends.
 */
export async function benchScim(client: Db, measure: Measure, options: { users: number; createsPerClient: number; plain: Db }) {
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const context = () => contextFor({ kind: 'console_user', userId: user.id, email: user.email, role: 'owner' }, new Date());
  const directoryFor = async (label: string) => {
    const tag = crypto.randomBytes(3).toString('hex');
    const org = await createOrganization(client, context(), { name: `SCIM ${label} ${tag}`, slug: `scim-${label}-${tag}` });
    if (!org.ok) throw new Error(org.message);
    const directory = await createDirectory(client, context(), { organizationId: org.data.id, name: 'Bench', provider: 'okta' });
    if (!directory.ok) throw new Error(directory.message);
    return { organizationId: org.data.id, ...directory.data, tag };
  };
  const call = async (directory: { directoryId: string; token: string }, method: string, path: string, body?: unknown) => {
    const [route, query = ''] = path.split('?');
    const request = new Request(`http://bench/api/scim/v2/${directory.directoryId}${path}`, {
      method,
      headers: { authorization: `Bearer ${directory.token}`, ...(body ? { 'content-type': 'application/scim+json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const response = await handleScim(request, directory.directoryId, route!.split('/').filter(Boolean));
    if (response.status >= 300) throw new Error(`${method} ${path}${query ? '' : ''}: ${response.status} ${await response.text()}`);
    return response;
  };
  const person = (tag: string, n: number) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `person-${n}@${tag}.example`,
    name: { givenName: 'Bench', familyName: `Person ${n}` },
    emails: [{ primary: true, type: 'work', value: `person-${n}@${tag}.example` }],
    active: true,
  });

  const figures: Record<string, CommandFigure> = {};

  // One create, timed and counted.
  const single = await directoryFor('single');
  let n = 0;
  const timing = await measure(() => call(single, 'POST', '/Users', person(single.tag, n++)));
  const counted = await countStatements(client, () => call(single, 'POST', '/Users', person(single.tag, n++)));
  figures['SCIM POST /Users (new member)'] = { ...timing, statements: counted.count, sql: counted.statements };

  // Throughput: 8 clients creating users in one directory at once, through a client that logs no
  // queries (as the server runs; the statement log costs about 2 ms of CPU per create).
  const busy = await directoryFor('busy');
  let next = 0;
  setDb(Promise.resolve(options.plain));
  const batchesBefore = createBatchStats();
  const loadCpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < options.createsPerClient; i++) await call(busy, 'POST', '/Users', person(busy.tag, next++));
    }),
  );
  const createsPerSecond = (8 * options.createsPerClient) / ((performance.now() - start) / 1000);
  const loadUsed = process.cpuUsage(loadCpu);
  const batchesAfter = createBatchStats();
  const createsPerBatch = (batchesAfter.items - batchesBefore.items) / (batchesAfter.batches - batchesBefore.batches);
  const cpuPerCreateUnderLoadMs = (loadUsed.user + loadUsed.system) / 1000 / (8 * options.createsPerClient);
  const cpu = process.cpuUsage();
  for (let i = 0; i < 50; i++) await call(busy, 'POST', '/Users', person(busy.tag, next++));
  const used = process.cpuUsage(cpu);
  const cpuPerCreateMs = (used.user + used.system) / 1000 / 50;
  setDb(Promise.resolve(client));

  // A directory of `users` users, seeded in SQL, then filtered lists through the adapter.
  const big = await directoryFor('big');
  await client.$executeRaw`
    INSERT INTO directory_users (id, directory_id, organization_id, user_name, external_id, active, display_name, email, data, created_at, updated_at)
    SELECT gen_random_uuid(), ${big.directoryId}::uuid, ${big.organizationId}::uuid, 'user-' || g || '@big.example', 'ext-' || g, g % 10 <> 0,
      'User ' || g, 'user-' || g || '@big.example',
      jsonb_build_object('displayName', 'User ' || g, 'title', CASE WHEN g % 7 = 0 THEN 'Engineer' ELSE 'Analyst' END,
        'emails', jsonb_build_array(jsonb_build_object('type', 'work', 'primary', true, 'value', 'user-' || g || '@big.example'))),
      now() - (g || ' seconds')::interval, now()
    FROM generate_series(1, ${options.users}) AS g`;
  await client.$executeRaw`ANALYZE directory_users`;
  const target = Math.floor(options.users / 2);
  const lists: [string, string][] = [
    ['userName eq', `userName eq "USER-${target}@big.example"`],
    ['externalId eq', `externalId eq "ext-${target}"`],
    ['emails[type eq "work"].value eq', `emails[type eq "work"].value eq "user-${target}@big.example"`],
    ['userName sw (page of 100)', 'userName sw "user-1"'],
    ['active eq false and title eq (page of 100)', 'active eq false and title eq "Engineer"'],
  ];
  for (const [label, filter] of lists) {
    const path = `/Users?filter=${encodeURIComponent(filter)}&count=100`;
    const listTiming = await measure(() => call(big, 'GET', path));
    const listCounted = await countStatements(client, () => call(big, 'GET', path));
    figures[`SCIM list, ${options.users.toLocaleString('en')} users: ${label}`] = {
      ...listTiming,
      statements: listCounted.count,
      sql: listCounted.statements,
    };
  }
  return { figures, createsPerSecond, cpuPerCreateMs, cpuPerCreateUnderLoadMs, createsPerBatch };
}
