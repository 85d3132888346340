/**
 * `npm run jobs:probe [count]`: checks that this deployment's workers pick up background work.
 * Enqueues `count` probe jobs (default 10) on DATABASE_URL and waits until every one has run,
 * then says how long that took and which instances ran them.
 */
import { configOrExit } from './boot';

async function main() {
  configOrExit();
  const count = Math.max(1, Math.min(100_000, Number(process.argv[2] ?? 10) || 10));
  const { db } = await import('../lib/db/client');
  const { enqueueProbes } = await import('../lib/jobs/probe');
  const client = await db();
  const label = `probe-${new Date().toISOString()}`;
  const started = Date.now();
  await enqueueProbes(client, count, label, new Date());
  console.log(`Enqueued ${count} probe job(s); waiting for workers to run them…`);
  const deadline = started + 120_000;
  const mine = { kind: 'queue.probe', payload: { path: ['label'], equals: label } };
  for (;;) {
    const done = await client.job.count({ where: { ...mine, status: 'done' } });
    if (done === count) break;
    if (Date.now() > deadline) {
      console.error(
        `Only ${done} of ${count} probes ran within 2 minutes. Is a scheduler running (the app without ORGDESK_SCHEDULER=off, or npm run worker)? See /jobs in the console.`,
      );
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const jobs = await client.job.findMany({ where: { ...mine }, select: { id: true } });
  const runs = await client.jobProbeRun.groupBy({
    by: ['workerId'],
    where: { jobId: { in: jobs.map((j) => j.id) } },
    _count: { _all: true },
  });
  console.log(
    `All ${count} ran in ${((Date.now() - started) / 1000).toFixed(1)} s, by ${runs.map((r) => `${r.workerId} (${r._count._all})`).join(', ')}.`,
  );
  process.exit(0);
}

void main();
