/**
 * npm run bench [-- --sizes 10000,100000] [-- --url postgresql://…] [-- --runs 60] [-- --suite scim]
 * Seeds PostgreSQL at each size and measures the organizations page's queries, the commands, and
 * directory sync (SCIM), and what the builder's app leans on (the permission check, webhook
 * deliveries). `--suite scim` and `--suite app` run those figures alone.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient, setDb } from '../lib/db/client';
import { ORGANIZATION_FILTERS } from '../lib/organizations/filters';
import { listOrganizations } from '../lib/organizations/queries';
import { encodeListCursor, ORGANIZATION_SORTS } from '../lib/organizations/schemas';
import { benchApp } from './app';
import { benchAuditList, benchMutationWithAudit, seedAuditEvents } from './audit';
import { benchCommands, loadDetailBySlug } from './commands';
import { benchInvitations } from './invitations';
import { benchScim } from './scim';
import { freshBenchDatabase, seedBenchData } from './seed';

function arg(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const baseUrl = arg('url', process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const sizes = arg('sizes', '10000,100000').split(',').map(Number);
const runs = Number(arg('runs', '60'));
const auditEvents = Number(arg('audit-events', '1000000'));

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function benchSize(size: number) {
  const url = new URL(await freshBenchDatabase(baseUrl, `orgdesk_bench_${size}`));

  const seeder = new pg.Client({ connectionString: url.toString() });
  await seeder.connect();
  const seedStart = performance.now();
  const counts = await seedBenchData(seeder, size);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  await seeder.end();
  console.log(`\n${size.toLocaleString('en')} organizations seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

  const client = await createClient({ kind: 'postgres', url: url.toString() }, undefined, { logQueries: true });
  // Commands reach the database through db(): point it at this size's database.
  setDb(Promise.resolve(client));
  const now = () => new Date();
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const filter of ORGANIZATION_FILTERS) {
    results[`list ${filter.label} (page 1 + 5 counts)`] = await measure(() =>
      listOrganizations(client, { filter: filter.id, q: '' }, now()),
    );
  }
  // A deep page: the cursor of the row 80% down the list.
  const deep = await client.organization.findFirstOrThrow({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: Math.floor(size * 0.8),
    select: { id: true, createdAt: true },
  });
  const deepCursor = encodeListCursor({ value: deep.createdAt.toISOString(), id: deep.id });
  results['list All, deep page (80% down, keyset)'] = await measure(() =>
    listOrganizations(client, { filter: 'all', q: '', after: deepCursor }, now()),
  );
  results['list Ready, deep page (80% down, keyset)'] = await measure(() =>
    listOrganizations(client, { filter: 'ready', q: '', after: deepCursor }, now()),
  );
  // The sorts: severity (one index scan per state, in order), name, latest activity.
  for (const sort of ORGANIZATION_SORTS) {
    for (const filter of ['all', 'needs-action'] as const) {
      results[`list ${filter}, sorted by ${sort}, page 1`] = await measure(() => listOrganizations(client, { filter, q: '', sort }, now()));
    }
  }
  // Sorted by severity, the page that crosses from Needs attention into Setup, and a deep one.
  const attention = await client.organization.count({ where: { state: 'needs_attention' } });
  const boundary = await client.organization.findFirstOrThrow({
    where: { state: 'needs_attention' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: Math.max(0, attention - 10),
    select: { id: true, createdAt: true },
  });
  const boundaryCursor = encodeListCursor({ state: 'needs_attention', value: boundary.createdAt.toISOString(), id: boundary.id });
  results['list all, by severity, page across two states'] = await measure(() =>
    listOrganizations(client, { filter: 'all', q: '', sort: 'severity', after: boundaryCursor }, now()),
  );
  const deepReady = await client.organization.findFirstOrThrow({
    where: { state: 'ready' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: Math.floor((await client.organization.count({ where: { state: 'ready' } })) * 0.8),
    select: { id: true, createdAt: true },
  });
  const deepSeverity = encodeListCursor({ state: 'ready', value: deepReady.createdAt.toISOString(), id: deepReady.id });
  results['list all, by severity, deep page (80% into Ready)'] = await measure(() =>
    listOrganizations(client, { filter: 'all', q: '', sort: 'severity', after: deepSeverity }, now()),
  );
  results['list all, by severity, previous page (before the deep one)'] = await measure(() =>
    listOrganizations(client, { filter: 'all', q: '', sort: 'severity', before: deepSeverity }, now()),
  );
  results['search rare term ("org-4242")'] = await measure(() => listOrganizations(client, { filter: 'all', q: 'org-4242' }, now()));
  results['search no match ("zzqx")'] = await measure(() => listOrganizations(client, { filter: 'all', q: 'zzqx' }, now()));
  results['search common word ("Globex")'] = await measure(() => listOrganizations(client, { filter: 'needs-action', q: 'Globex' }, now()));
  const mutation = await benchMutationWithAudit(client, measure);
  results['rename (command: lock, read, update, audit insert)'] = mutation.withAudit;
  results['audit insert alone'] = mutation.auditOnly;
  console.log(
    `\nA rename sends ${mutation.statements.count} statements in its transaction:\n  ${mutation.statements.statements.join('\n  ')}`,
  );
  // `--audit-events 0` skips the audit log and invitation figures (a quicker run for list work).
  if (size === sizes.at(-1) && auditEvents > 0) {
    const seeder2 = new pg.Client({ connectionString: url.toString() });
    await seeder2.connect();
    const seconds = await seedAuditEvents(seeder2, auditEvents);
    await seeder2.end();
    console.log(`\n${auditEvents.toLocaleString('en')} audit events seeded in ${seconds.toFixed(1)} s.`);
    const audit = await benchAuditList(client, measure);
    console.log(`\nAudit log with ${auditEvents.toLocaleString('en')} events (ms, ${runs} runs):`);
    for (const [label, value] of Object.entries(audit))
      console.log(`  ${label} | p50 ${value.p50.toFixed(1)} | p95 ${value.p95.toFixed(1)}`);
    const invites = await benchInvitations(client, Number(arg('invitations', '1000')));
    console.log(
      `\nInvitations at ${size.toLocaleString('en')} organizations: ${invites.queued} queued at ${invites.queuePerSecond.toFixed(0)}/s ` +
        `(review + insert + outbox, 100 per transaction); ${invites.sent} sent through the outbox to a local SMTP server at ` +
        `${invites.sendPerSecond.toFixed(0)}/s by one dispatcher (${invites.received} received); accept p50 ${invites.acceptP50.toFixed(1)} ms, ` +
        `p95 ${invites.acceptP95.toFixed(1)} ms over ${invites.accepts} accepts.`,
    );
  }
  // The commands: time and statements each.
  const commands = await benchCommands(client, measure, runs);
  console.log(`\nCommands at ${size.toLocaleString('en')} organizations (ms, ${runs} runs; statements without BEGIN/COMMIT):`);
  for (const [label, value] of Object.entries(commands.figures)) {
    console.log(`  ${label} | p50 ${value.p50.toFixed(1)} | p95 ${value.p95.toFixed(1)} | ${value.statements} statements`);
    for (const statement of value.sql) console.log(`      ${statement}`);
    results[label] = value;
  }
  console.log(`  creates per second, 8 concurrent callers: ${commands.createsPerSecond.toFixed(0)}`);
  if (size === sizes.at(-1)) Object.assign(results, await printScim(client, url.toString()));
  if (size === sizes.at(-1)) Object.assign(results, await printApp(client, size));
  const slugs = (await client.organization.findMany({ select: { slug: true }, take: 200, orderBy: { slug: 'asc' } })).map((o) => o.slug);
  // The detail page: the organization with its state facts, its first page of members and of
  // invitations, all by slug in one round trip.
  results['detail page'] = await measure((i) => loadDetailBySlug(client, slugs[i % slugs.length]!, now()));
  await client.$disconnect();
  return results;
}

/** Directory sync: SCIM creates per second (8 clients) and filtered lists at 10,000 users. */
async function printScim(client: Awaited<ReturnType<typeof createClient>>, plainUrl: string) {
  const users = Number(arg('scim-users', '10000'));
  const plain = await createClient({ kind: 'postgres', url: plainUrl });
  const scim = await benchScim(client, measure, { users, createsPerClient: Number(arg('scim-creates', '125')), plain });
  await plain.$disconnect();
  console.log(`\nDirectory sync (SCIM, through the route adapter; ms, ${runs} runs; statements without BEGIN/COMMIT):`);
  for (const [label, value] of Object.entries(scim.figures)) {
    console.log(`  ${label} | p50 ${value.p50.toFixed(1)} | p95 ${value.p95.toFixed(1)} | ${value.statements} statements`);
    for (const statement of value.sql) console.log(`      ${statement}`);
  }
  console.log(
    `  SCIM user creates per second, 8 concurrent clients: ${scim.createsPerSecond.toFixed(0)} (Node CPU per create: ${scim.cpuPerCreateUnderLoadMs.toFixed(1)} ms under that load, ${scim.cpuPerCreateMs.toFixed(1)} ms one at a time; ${scim.createsPerBatch.toFixed(1)} creates per transaction under that load)`,
  );
  return scim.figures;
}

/** The builder's app: the permission check at p50/p95, webhook deliveries per second. */
async function printApp(client: Awaited<ReturnType<typeof createClient>>, size: number) {
  const app = await benchApp(client, measure, Number(arg('deliveries', '500')));
  const check = app.permissionCheck;
  console.log(`\nThe builder's app at ${size.toLocaleString('en')} organizations (ms, ${runs} runs; statements without BEGIN/COMMIT):`);
  console.log(
    `  permission check (GET /api/v1/organizations/{id}/permissions, through its route handler) | p50 ${check.p50.toFixed(1)} | p95 ${check.p95.toFixed(1)} | ${check.statements} statements`,
  );
  for (const statement of check.sql) console.log(`      ${statement}`);
  const hooks = app.webhooks;
  console.log(
    `  webhook deliveries to a loopback receiver: ${hooks.succeeded}/${hooks.deliveries} delivered at ${hooks.perSecond.toFixed(0)}/s ` +
      `(fan-out and job queue in this process; ${hooks.statementsPerDelivery.toFixed(1)} statements and ${hooks.cpuPerDeliveryMs.toFixed(1)} ms of Node CPU per delivery)`,
  );
  return { 'permission check (API)': { p50: check.p50, p95: check.p95 } };
}

async function main() {
  if (arg('suite', 'all') === 'app') {
    const size = Number(arg('sizes', '100000').split(',').at(-1));
    const url = await freshBenchDatabase(baseUrl, `orgdesk_bench_app_${size}`);
    const seeder = new pg.Client({ connectionString: url });
    await seeder.connect();
    await seedBenchData(seeder, size);
    await seeder.end();
    const client = await createClient({ kind: 'postgres', url }, undefined, { logQueries: true });
    setDb(Promise.resolve(client));
    await printApp(client, size);
    await client.$disconnect();
    return;
  }
  if (arg('suite', 'all') === 'scim') {
    const url = await freshBenchDatabase(baseUrl, 'orgdesk_bench_scim');
    const client = await createClient({ kind: 'postgres', url }, undefined, { logQueries: true });
    setDb(Promise.resolve(client));
    await printScim(client, url);
    await client.$disconnect();
    return;
  }
  const all: Record<number, Record<string, { p50: number; p95: number }>> = {};
  for (const size of sizes) all[size] = await benchSize(size);
  const labels = Object.keys(all[sizes[0]!]!);
  const header = ['query', ...sizes.flatMap((s) => [`p50@${s / 1000}k`, `p95@${s / 1000}k`])];
  if (sizes.length > 1) header.push(`p95 growth ${sizes[0]! / 1000}k→${sizes.at(-1)! / 1000}k`);
  console.log(`\n${header.join(' | ')}`);
  for (const label of labels) {
    const cells = sizes.flatMap((s) => [all[s]![label]!.p50.toFixed(1), all[s]![label]!.p95.toFixed(1)]);
    if (sizes.length > 1) cells.push(`${(all[sizes.at(-1)!]![label]!.p95 / all[sizes[0]!]![label]!.p95).toFixed(2)}×`);
    console.log(`${label} | ${cells.join(' | ')}`);
  }
  console.log(`\n(times in ms, ${runs} runs each after 5 warm-ups, PostgreSQL via the app's Prisma client)`);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
