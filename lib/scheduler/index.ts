import { db } from '@/lib/db/client';
import { runDueDomainChecks } from '@/lib/domains/checker';
import { runDueJobs, WORKER_ID } from '@/lib/jobs/runner';
import { pruneOidcPayloads } from '@/lib/oidc/adapter';
import { catchUpOrganizationStates } from '@/lib/organizations/recompute';
import { pruneRateLimits } from '@/lib/rate-limit';
import { refreshDueSamlMetadata } from '@/lib/sso/mutations';
import { fanOutWebhookEvents } from '@/lib/webhooks/fan-out';
import { recordHeartbeat } from './heartbeat';

/**
 * Scheduled work, in one place. Every loop is safe with several app instances running (rows are
 * claimed with locks), so it runs inside each app process, or alone with `npm run worker`.
 * Each pass has a time limit: a pass that hangs is abandoned (its claims expire) and the loop
 * goes on; each successful pass is a heartbeat that /api/health reads.
 */
export const LOOPS = [
  { name: 'jobs', everyMs: 2_000, timeoutMs: 5 * 60_000, run: async (signal: AbortSignal) => runDueJobs(await db(), { signal }) },
  // Audit events the builder's app subscribed to become delivery jobs (the outbox's relay).
  { name: 'webhook-fan-out', everyMs: 2_000, timeoutMs: 5 * 60_000, run: async () => fanOutWebhookEvents(await db(), new Date()) },
  { name: 'domain-checks', everyMs: 60_000, timeoutMs: 5 * 60_000, run: async () => runDueDomainChecks(await db(), new Date()) },
  // Time alone changes states (an invitation expires, the activity window closes): record those
  // changes and their events even when nobody opens a page.
  { name: 'state-catch-up', everyMs: 60_000, timeoutMs: 5 * 60_000, run: async () => catchUpOrganizationStates(await db(), new Date()) },
  // Metadata given by URL is read again daily; this pass picks the connections that are due.
  { name: 'sso-metadata', everyMs: 10 * 60_000, timeoutMs: 5 * 60_000, run: async () => refreshDueSamlMetadata(await db(), new Date()) },
  { name: 'prune-rate-limits', everyMs: 10 * 60_000, timeoutMs: 60_000, run: async () => pruneRateLimits(await db(), new Date()) },
  // Expired OpenID sessions, codes and tokens, and signing keys past their publication.
  { name: 'prune-oidc', everyMs: 10 * 60_000, timeoutMs: 60_000, run: async () => pruneOidcPayloads(await db(), new Date()) },
] as const;

type Loop = (typeof LOOPS)[number];
// `stop` is on the shared state so the production server (scripts/server.ts) can drain it on SIGTERM.
type State = {
  timers: NodeJS.Timeout[];
  running: Map<string, Promise<void>>;
  stopping?: AbortController;
  stop?: (graceMs?: number) => Promise<void>;
};
const shared = globalThis as { __orgdeskScheduler?: State };
shared.__orgdeskScheduler ??= { timers: [], running: new Map() };
const state: State = shared.__orgdeskScheduler;

async function runLoop(loop: Loop) {
  // One pass at a time per loop in this process; other processes are kept apart by row locks.
  if (state.running.has(loop.name) || !state.stopping || state.stopping.signal.aborted) return;
  const signal = state.stopping.signal;
  const pass = (async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        loop.run(signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the pass took longer than ${loop.timeoutMs / 1000} s and was abandoned`)),
            loop.timeoutMs,
          );
        }),
      ]);
      await recordHeartbeat(await db(), WORKER_ID, loop.name, new Date(), null);
    } catch (error) {
      console.error(`[scheduler] ${loop.name} failed:`, error);
      await recordHeartbeat(await db(), WORKER_ID, loop.name, null, (error as Error).message).catch(() => undefined);
    } finally {
      clearTimeout(timer);
      state.running.delete(loop.name);
    }
  })();
  state.running.set(loop.name, pass);
  await pass;
}

export function startScheduler() {
  if (state.timers.length) return;
  state.stopping = new AbortController();
  state.stop = stopScheduler;
  for (const loop of LOOPS) {
    state.timers.push(setInterval(() => void runLoop(loop), loop.everyMs).unref());
    void runLoop(loop);
  }
}

/**
 * Stops claiming new work, lets the passes under way finish (the job runner hands back claims it
 * has not started), and resolves when they have, or after `graceMs`.
 */
export async function stopScheduler(graceMs = 30_000) {
  for (const timer of state.timers) clearInterval(timer);
  state.timers = [];
  state.stopping?.abort();
  const running = [...state.running.values()];
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(running), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

/** Runs due jobs now (after an invitation is created), if this process runs the scheduler. */
export function kickJobs() {
  const jobs = LOOPS[0];
  if (state.timers.length) void runLoop(jobs);
}
