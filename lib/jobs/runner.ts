import crypto from 'node:crypto';
import os from 'node:os';
import type { Db } from '@/lib/db/client';
import type { JobKind, JobOutcome } from './kind';
import { jobKinds } from './kinds';
import { type ClaimedJob, claimJobs, releaseJobs, settleJob } from './queue';

/** This process's name on its claims: host, pid and a random part, so restarts never collide. */
// Kept on globalThis: Next.js may load this module in more than one bundle of the same process.
const shared = globalThis as { __orgdeskWorkerId?: string };
shared.__orgdeskWorkerId ??= `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
export const WORKER_ID: string = shared.__orgdeskWorkerId;

export type RunSummary = { claimed: number; done: number; retried: number; dead: number; cancelled: number; lost: number };

function timeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Error text for the job's record and the console: the first line, kept short. */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? 'Unknown error').slice(0, 500);
}

async function runOne(client: Db, kind: JobKind, job: ClaimedJob, now: () => Date, summary: RunSummary) {
  let outcome: JobOutcome;
  const parsed = kind.payload.safeParse(job.payload);
  if (!parsed.success) {
    outcome = { status: 'dead', error: `The job's payload is not valid for ${kind.kind}.` };
  } else {
    try {
      outcome = await timeout(kind.handle(client, { ...job, payload: parsed.data }, now()), kind.timeoutMs, kind.kind);
    } catch (error) {
      outcome = { status: 'retry', error: errorText(error) };
    }
  }
  const at = now();
  // Out of attempts: a retry becomes dead, and stays visible.
  if (outcome.status === 'retry' && job.attempts >= job.maxAttempts) outcome = { ...outcome, status: 'dead' };
  const settled = await client.$transaction(async (tx) => {
    const written =
      outcome.status === 'retry'
        ? await settleJob(
            tx,
            job,
            { status: 'retry', error: outcome.error, runAt: new Date(at.getTime() + kind.retryDelayMs(job.attempts)) },
            at,
          )
        : await settleJob(
            tx,
            job,
            {
              status: outcome.status,
              error: outcome.status === 'done' ? null : outcome.status === 'cancelled' ? outcome.reason : outcome.error,
            },
            at,
          );
    if (!written) return false;
    await outcome.commit?.(tx);
    if (outcome.status === 'dead' && parsed.success) await kind.onDead?.(tx, { ...job, payload: parsed.data }, outcome.error, at);
    return true;
  });
  if (!settled) summary.lost++;
  else if (outcome.status === 'done') summary.done++;
  else if (outcome.status === 'retry') summary.retried++;
  else if (outcome.status === 'dead') summary.dead++;
  else summary.cancelled++;
}

/**
 * Runs due jobs: claims a few at a time (at most a kind's concurrency), settles each right after
 * it runs, and claims again until nothing is due, `once` is set, or `signal` asks it to stop. On
 * stop, claims not yet started are handed back at once. Safe in any number of processes.
 */
export async function runDueJobs(
  client: Db,
  options: {
    now?: () => Date;
    kinds?: readonly string[];
    limit?: number;
    once?: boolean;
    signal?: AbortSignal;
    workerId?: string;
    /** Only this organization's jobs: sending one organization's mail now. */
    organizationId?: string;
  } = {},
): Promise<RunSummary> {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? WORKER_ID;
  const registry = jobKinds();
  const kinds = (options.kinds ?? Object.keys(registry)).filter((name) => name in registry);
  const summary: RunSummary = { claimed: 0, done: 0, retried: 0, dead: 0, cancelled: 0, lost: 0 };
  for (const name of kinds) {
    const kind = registry[name]!;
    const limit = options.limit ?? kind.concurrency;
    for (;;) {
      if (options.signal?.aborted) break;
      const claimed = await claimJobs(client, {
        now: now(),
        workerId,
        kinds: [name],
        limit,
        leaseMs: kind.leaseMs,
        organizationId: options.organizationId,
      });
      summary.claimed += claimed.length;
      const queue = [...claimed];
      const started = new Set<string>();
      await Promise.all(
        Array.from({ length: Math.min(kind.concurrency, queue.length) }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) {
            if (options.signal?.aborted) break;
            started.add(job.id);
            await runOne(client, kind, job, now, summary);
          }
        }),
      );
      const unstarted = claimed.filter((job) => !started.has(job.id)).map((job) => job.id);
      await releaseJobs(client, unstarted, workerId);
      if (options.once || claimed.length < limit) break;
    }
  }
  return summary;
}
