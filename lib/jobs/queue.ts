import type { DbOrTx, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

/** A job as a worker holds it: claimed, with a lease until `lockedUntil`. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  organizationId: string | null;
  subjectId: string | null;
  lockedBy: string;
}

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  organizationId?: string | null;
  subjectId?: string | null;
  maxAttempts?: number;
  runAt?: Date;
}

/** Enqueues a job. Call it in the transaction of the change that causes it: both commit, or neither. */
export function enqueueJob(tx: DbOrTx, job: NewJob, now: Date) {
  return tx.job.create({
    data: {
      kind: job.kind,
      payload: job.payload as Prisma.InputJsonValue,
      organizationId: job.organizationId ?? null,
      subjectId: job.subjectId ?? null,
      maxAttempts: job.maxAttempts ?? 8,
      runAt: job.runAt ?? now,
      createdAt: now,
    },
    select: { id: true },
  });
}

/**
 * Claims up to `limit` due jobs of the given kinds for one worker. FOR UPDATE SKIP LOCKED keeps
 * two workers off the same rows; the lease keeps others off a job while its worker is on it, and
 * hands it back if that worker dies. Counting the attempt here means a job that keeps killing
 * its worker still ends dead.
 */
export async function claimJobs(
  client: DbOrTx,
  options: { now: Date; workerId: string; kinds: readonly string[]; limit: number; leaseMs: number; organizationId?: string },
): Promise<ClaimedJob[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await client.$queryRaw<
    {
      id: string;
      kind: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
      organization_id: string | null;
      subject_id: string | null;
    }[]
  >`
    UPDATE jobs SET locked_until = ${leaseUntil}, locked_by = ${options.workerId}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs
      WHERE status = 'queued' AND run_at <= ${options.now} AND (locked_until IS NULL OR locked_until <= ${options.now})
        AND kind IN (${Prisma.join([...options.kinds])})
        ${options.organizationId ? Prisma.sql`AND organization_id = ${options.organizationId}::uuid` : Prisma.empty}
      ORDER BY run_at, id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts, max_attempts, organization_id, subject_id`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    organizationId: row.organization_id,
    subjectId: row.subject_id,
    lockedBy: options.workerId,
  }));
}

/**
 * Records a claimed job's outcome, guarded by its lease: a worker whose lease ran out (and whose
 * job another worker claimed since) changes nothing. True when the record was written.
 */
export async function settleJob(
  tx: Tx | DbOrTx,
  job: Pick<ClaimedJob, 'id' | 'lockedBy'>,
  outcome: { status: 'done' | 'dead' | 'cancelled'; error?: string | null } | { status: 'retry'; error: string; runAt: Date },
  now: Date,
): Promise<boolean> {
  const guard = { id: job.id, status: 'queued' as const, lockedBy: job.lockedBy };
  const data =
    outcome.status === 'retry'
      ? { runAt: outcome.runAt, lockedUntil: null, lockedBy: null, lastError: outcome.error }
      : { status: outcome.status, finishedAt: now, lockedUntil: null, lastError: outcome.error ?? null };
  const { count } = await tx.job.updateMany({ where: guard, data });
  return count === 1;
}

/** Hands unstarted claims back at once (a worker shutting down), instead of at lease expiry. */
export async function releaseJobs(client: DbOrTx, ids: string[], workerId: string) {
  if (!ids.length) return 0;
  const { count } = await client.job.updateMany({
    where: { id: { in: ids }, status: 'queued', lockedBy: workerId },
    data: { lockedUntil: null, lockedBy: null, attempts: { decrement: 1 } },
  });
  return count;
}

/** Cancels the queued jobs about one subject (an invitation revoked, say), saying why. */
export async function cancelJobsFor(tx: DbOrTx, subjectId: string, kind: string, why: string, now: Date) {
  return { count: await tx.$executeRaw(cancelJobsStatement(subjectId, kind, why, now)) };
}

/** cancelJobsFor's statement, for a caller that runs it inside a larger one (a CTE). */
export function cancelJobsStatement(subjectId: string, kind: string, why: string, now: Date) {
  return Prisma.sql`
    UPDATE jobs SET status = 'cancelled', finished_at = ${now}, locked_until = NULL, locked_by = NULL, last_error = ${why}
    WHERE subject_id = ${subjectId}::uuid AND kind = ${kind} AND status = 'queued'`;
}
