/**
 * Several instances on one PostgreSQL database: two production app servers and two
 * `npm run worker` processes share 1,000 jobs, one worker is killed part way through, and every
 * job must still run exactly once. Needs a PostgreSQL server (PROCESSES_PG, default the local one)
 * and a production build (`npm run build`). CI runs it with `npm run test:processes`.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Db } from '@/lib/db/client';
import { deployMigrations } from '@/lib/db/deploy';
import { enqueueProbes } from '@/lib/jobs/probe';
import { commandOf, descendants, Processes, productionEnv, testPort } from '../support/processes';

const SERVER = process.env.PROCESSES_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = `orgdesk_multi_${process.pid}`;
const URL_ = `${SERVER}/${DATABASE}`;
const JOBS = 1_000;

const processes = new Processes();
let client: Db;
let workerPort: number;

async function admin(sql: string) {
  const connection = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await connection.connect();
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  await deployMigrations(URL_);
  client = await createClient({ kind: 'postgres', url: URL_ });
  const base = testPort();
  for (const [i, port] of [base, base + 1].entries()) processes.start(`app-${i + 1}`, 'scripts/server.ts', productionEnv(port, URL_));
  for (const i of [1, 2]) processes.start(`worker-${i}`, 'dist/worker.mjs', productionEnv(base + 10 + i, URL_));
  workerPort = base + 20;
  // Every instance has made a pass of the job loop: all four are claiming.
  await processes.until(
    'four instances running the job loop',
    async () => (await client.schedulerHeartbeat.count({ where: { loop: 'jobs', lastSuccessAt: { gt: new Date(0) } } })) >= 4,
    120_000,
  );
}, 180_000);

afterAll(async () => {
  processes.killAll();
  await client?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

describe('two app processes and two workers on one PostgreSQL', () => {
  it('run 1,000 jobs exactly once, even when a worker is killed part way through', async () => {
    // Each job holds its worker for a moment, as real work does, so a worker is caught holding claims
    // however fast the machine: 1,000 jobs take every instance several seconds.
    await enqueueProbes(client, JOBS, 'multi-instance', new Date(), 150);
    // Kill one worker outright (no chance to hand anything back) while it holds claimed jobs.
    const victim = processes.get('worker-1');
    const held = { kind: 'queue.probe', status: 'queued' as const, lockedBy: { contains: `:${victim.process.pid}:` } };
    const inFlight = await processes.until(
      'the victim holding claimed jobs',
      async () => {
        const jobs = await client.job.findMany({ where: held, select: { id: true } });
        if (!jobs.length) return null;
        victim.process.kill('SIGKILL');
        return jobs.map((job) => job.id);
      },
      60_000,
    );
    // Its claims come back when their lease runs out; the others finish everything.
    await processes.until(
      'every job done',
      async () => (await client.job.count({ where: { kind: 'queue.probe', status: 'done' } })) === JOBS,
      120_000,
    );
    const reclaimed = await client.job.findMany({ where: { id: { in: inFlight } }, select: { status: true } });
    expect(reclaimed.every((job) => job.status === 'done')).toBe(true);

    const runs = await client.jobProbeRun.groupBy({ by: ['jobId'], _count: { _all: true } });
    expect(runs).toHaveLength(JOBS);
    expect(runs.filter((run) => run._count._all !== 1)).toEqual([]);
    expect(await client.job.count({ where: { kind: 'queue.probe', status: { not: 'done' } } })).toBe(0);
    const byWorker = await client.jobProbeRun.groupBy({ by: ['workerId'], _count: { _all: true } });
    // The work was shared: more than one instance ran jobs.
    expect(byWorker.length).toBeGreaterThan(1);
  });

  it('a worker told to stop (SIGTERM) hands its claims back at once and exits', async () => {
    const worker = processes.get('worker-2');
    await enqueueProbes(client, 300, 'sigterm', new Date(), 150);
    const mine = { kind: 'queue.probe', status: 'queued' as const, lockedBy: { contains: `:${worker.process.pid}:` } };
    await processes.until('the worker holding claimed jobs', async () => (await client.job.count({ where: mine })) > 0, 60_000);
    const exited = new Promise<number | null>((resolve) => worker.process.once('exit', (code) => resolve(code)));
    worker.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stillHeld = await client.job.count({ where: { status: 'queued', lockedBy: { contains: `:${worker.process.pid}:` } } });
    expect(stillHeld).toBe(0);
    // What it handed back, the apps finish; each job still runs once.
    const sigterm = { kind: 'queue.probe', payload: { path: ['label'], equals: 'sigterm' } };
    await processes.until(
      'every handed-back job done',
      async () => (await client.job.count({ where: { ...sigterm, status: { not: 'done' } } })) === 0,
      120_000,
    );
    const ids = (await client.job.findMany({ where: sigterm, select: { id: true } })).map((job) => job.id);
    const runs = await client.jobProbeRun.groupBy({ by: ['jobId'], where: { jobId: { in: ids } }, _count: { _all: true } });
    expect(runs).toHaveLength(300);
    expect(runs.filter((run) => run._count._all !== 1)).toEqual([]);
  });

  it('npm run worker told to stop (SIGTERM to npm, as a process manager sends it) stops the worker it runs', async () => {
    const npm = processes.startNpm('npm-worker', 'worker', productionEnv(workerPort, URL_));
    // The Node process npm runs the worker in (not a shell between them).
    const workerPid = await processes.until(
      'npm starting the worker',
      async () => descendants(npm.process.pid).find((pid) => /^node .*dist\/worker\.mjs$/.test(commandOf(pid) ?? '')),
      60_000,
    );
    await processes.until(
      'the worker running its job loop',
      async () =>
        (await client.schedulerHeartbeat.count({
          where: { loop: 'jobs', instanceId: { contains: `:${workerPid}:` }, lastSuccessAt: { gt: new Date(0) } },
        })) > 0,
      120_000,
    );
    const exited = new Promise<number | null>((resolve) => npm.process.once('exit', (code) => resolve(code)));
    npm.process.kill('SIGTERM');
    await exited;
    try {
      // The worker stopped with npm: nothing is left running, holding claims or a port.
      expect(await processes.until('the worker gone', async () => commandOf(workerPid) === null, 30_000)).toBe(true);
    } finally {
      // An orphan belongs to no one any more: don't leave it running after a failure.
      if (commandOf(workerPid)) process.kill(workerPid, 'SIGKILL');
    }
  });
});
