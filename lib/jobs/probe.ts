import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { defineJobKind } from './kind';

/**
 * The queue probe: a job whose only effect is a row in job_probe_runs, written in the transaction
 * that marks it done. `npm run jobs:probe` enqueues some to check that a deployment's workers
 * pick up work, and the multi-instance test uses them to prove each job runs exactly once.
 */
export const probeJob = defineJobKind({
  kind: 'queue.probe',
  // holdMs keeps the job for a moment, as real work does: a worker can then be caught holding claims.
  payload: z.object({ label: z.string().max(100).default('probe'), holdMs: z.number().int().min(0).max(2_000).default(0) }),
  leaseMs: 15_000,
  timeoutMs: 5_000,
  maxAttempts: 5,
  concurrency: 5,
  retryDelayMs: () => 1_000,
  handle: async (_client, job) => {
    if (job.payload.holdMs) await new Promise((resolve) => setTimeout(resolve, job.payload.holdMs));
    return {
      status: 'done',
      commit: async (tx) => {
        await tx.jobProbeRun.create({ data: { jobId: job.id, workerId: job.lockedBy } });
      },
    };
  },
});

export async function enqueueProbes(client: Db, count: number, label: string, now: Date, holdMs = 0) {
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    await client.job.createMany({
      data: Array.from({ length: size }, () => ({
        kind: probeJob.kind,
        payload: { label, holdMs },
        maxAttempts: probeJob.maxAttempts,
        runAt: now,
        createdAt: now,
      })),
    });
  }
}
