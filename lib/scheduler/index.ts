import { db } from '@/lib/db/client';
import { runDueDomainChecks } from '@/lib/domains/checker';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { catchUpOrganizationStates } from '@/lib/organizations/recompute';
import { pruneRateLimits } from '@/lib/rate-limit';

/**
 * Scheduled work, in one place. Every job is safe with several app instances running (rows are
 * claimed with locks), so it runs inside each app process, or alone with `npm run worker`.
 */
export const JOBS = [
  { name: 'email-outbox', everyMs: 5_000, run: async () => deliverQueuedEmail(await db()) },
  { name: 'domain-checks', everyMs: 60_000, run: async () => runDueDomainChecks(await db(), new Date()) },
  // Time alone changes states (an invitation expires, the activity window closes): record those
  // changes and their events even when nobody opens a page.
  { name: 'state-catch-up', everyMs: 60_000, run: async () => catchUpOrganizationStates(await db(), new Date()) },
  { name: 'prune-rate-limits', everyMs: 10 * 60_000, run: async () => pruneRateLimits(await db(), new Date()) },
] as const;

type State = { timers: NodeJS.Timeout[]; running: Set<string>; kick?: () => void };
const state = ((globalThis as { __orgdeskScheduler?: State }).__orgdeskScheduler ??= { timers: [], running: new Set() });

async function runJob(job: (typeof JOBS)[number]) {
  // One pass at a time per job in this process; other processes are kept apart by row locks.
  if (state.running.has(job.name)) return;
  state.running.add(job.name);
  try {
    await job.run();
  } catch (error) {
    console.error(`[scheduler] ${job.name} failed:`, error);
  } finally {
    state.running.delete(job.name);
  }
}

export function startScheduler() {
  if (state.timers.length) return;
  for (const job of JOBS) state.timers.push(setInterval(() => void runJob(job), job.everyMs).unref());
  state.kick = () => void runJob(JOBS[0]);
}

export function stopScheduler() {
  for (const timer of state.timers) clearInterval(timer);
  state.timers = [];
  state.kick = undefined;
}

/** Sends queued mail now (after an invitation is created), if this process runs the scheduler. */
export function kickEmailDelivery() {
  state.kick?.();
}
