import type { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import type { ClaimedJob } from './queue';

/**
 * What a handler decides. `commit` runs in the same transaction that records the outcome, and only
 * if this worker still holds the job, so a handler's own writes commit exactly once.
 */
export type JobOutcome =
  | { status: 'done'; commit?: (tx: Tx) => Promise<void> }
  | { status: 'retry'; error: string; commit?: (tx: Tx) => Promise<void> }
  | { status: 'dead'; error: string; commit?: (tx: Tx) => Promise<void> }
  | { status: 'cancelled'; reason: string; commit?: (tx: Tx) => Promise<void> };

/** A kind of job: its payload schema, its timing and its handler. Declared once, with its area. */
export interface JobKind<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  /** How long a claim lasts: longer than the handler's timeout, so a live worker never loses its job. */
  leaseMs: number;
  timeoutMs: number;
  maxAttempts: number;
  /** How many of this kind one worker runs at once. */
  concurrency: number;
  retryDelayMs(attempt: number): number;
  /** Called when the job ran out of attempts, in the transaction that marks it dead. */
  onDead?(tx: Tx, job: ClaimedJob & { payload: P }, error: string, now: Date): Promise<void>;
  handle(client: Db, job: ClaimedJob & { payload: P }, now: Date): Promise<JobOutcome>;
}

export function defineJobKind<P>(kind: JobKind<P>): JobKind<P> {
  return kind;
}
