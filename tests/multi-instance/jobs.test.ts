/**
 * Several instances on one PostgreSQL database: two production app servers and two
 * `npm run worker` processes share 1,000 jobs, one worker is killed part way through, and every
 * job must still run exactly once. Needs a PostgreSQL server (MULTI_INSTANCE_PG, default the
 * local one) and a production build (`npm run build`). CI runs it with `npm run test:multi-instance`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Db } from '@/lib/db/client';
import { deployMigrations } from '@/lib/db/deploy';
import { enqueueProbes } from '@/lib/jobs/probe';

const SERVER = process.env.MULTI_INSTANCE_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = `orgdesk_multi_${process.pid}`;
const URL_ = `${SERVER}/${DATABASE}`;
const JOBS = 1_000;

const children: { name: string; process: ChildProcess; output: string[] }[] = [];
let client: Db;

async function admin(sql: string) {
  const connection = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await connection.connect();
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function start(name: string, script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: URL_, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { name, process: child, output: [] as string[] };
  child.stdout!.on('data', (chunk) => entry.output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => entry.output.push(String(chunk)));
  children.push(entry);
  return entry;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${timeoutMs / 1000} s.\n${children.map((c) => `--- ${c.name}\n${c.output.join('').slice(-2000)}`).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const APP_ENV = (port: number) => ({
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
  ADMIN_EMAILS: 'builder@multi.test',
  AUTH_SECRET: 'multi-instance-secret-multi-instance-secret',
  SMTP_URL: 'smtp://127.0.0.1:9?tls=off',
  EMAIL_FROM: 'Orgdesk <no-reply@multi.test>',
});

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  await deployMigrations(URL_);
  client = await createClient({ kind: 'postgres', url: URL_ });
  const base = 22_000 + Math.floor(Math.random() * 2_000);
  for (const [i, port] of [base, base + 1].entries()) start(`app-${i + 1}`, 'scripts/server.ts', APP_ENV(port));
  for (const i of [1, 2]) start(`worker-${i}`, 'scripts/worker.ts', APP_ENV(base + 10 + i));
  // Every instance has made a pass of the job loop: all four are claiming.
  await until(
    'four instances running the job loop',
    async () => (await client.schedulerHeartbeat.count({ where: { loop: 'jobs', lastSuccessAt: { gt: new Date(0) } } })) >= 4,
    120_000,
  );
}, 180_000);

afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await client?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

describe('two app processes and two workers on one PostgreSQL', () => {
  it('run 1,000 jobs exactly once, even when a worker is killed part way through', async () => {
    await enqueueProbes(client, JOBS, 'multi-instance', new Date());
    // Kill one worker outright (no chance to hand anything back) while it holds claimed jobs.
    const victim = children.find((c) => c.name === 'worker-1')!;
    const held = { kind: 'queue.probe', status: 'queued' as const, lockedBy: { contains: `:${victim.process.pid}:` } };
    const inFlight = await until(
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
    await until(
      'every job done',
      async () => (await client.job.count({ where: { kind: 'queue.probe', status: 'done' } })) === JOBS,
      120_000,
    );
    const reclaimed = await client.job.findMany({ where: { id: { in: inFlight } }, select: { status: true, lockedBy: true } });
    // Each was either finished by the victim just before the kill, or claimed again by another instance.
    expect(reclaimed.every((job) => job.status === 'done')).toBe(true);

    const runs = await client.jobProbeRun.groupBy({ by: ['jobId'], _count: { _all: true } });
    expect(runs).toHaveLength(JOBS);
    expect(runs.filter((run) => run._count._all !== 1)).toEqual([]);
    expect(await client.job.count({ where: { kind: 'queue.probe', status: { not: 'done' } } })).toBe(0);
    const byWorker = await client.jobProbeRun.groupBy({ by: ['workerId'], _count: { _all: true } });
    // The work was shared: more than one instance ran jobs.
    expect(byWorker.length).toBeGreaterThan(1);
  }, 240_000);
});
