import type { DbOrTx } from '@/lib/db/client';

/** Records a loop's pass: its success time, or the error that stopped it (keeping the last success). */
export async function recordHeartbeat(client: DbOrTx, instanceId: string, loop: string, succeededAt: Date | null, error: string | null) {
  const now = new Date();
  await client.schedulerHeartbeat.upsert({
    where: { instanceId_loop: { instanceId, loop } },
    create: { instanceId, loop, lastSuccessAt: succeededAt ?? new Date(0), lastError: error, updatedAt: now },
    update: succeededAt
      ? { lastSuccessAt: succeededAt, lastError: null, updatedAt: now }
      : { lastError: error?.slice(0, 500) ?? null, updatedAt: now },
  });
}

/** How long a loop may go without a successful pass, in any instance, before health reports it. */
export const STALE_AFTER_MS = { jobs: 2 * 60_000 } as const;

export type SchedulerHealth = { ok: true; lastSuccessAt: Date } | { ok: false; lastSuccessAt: Date | null; reason: string };

/**
 * Whether some instance's job loop has made progress lately. Every instance (app or worker)
 * writes heartbeats, so this holds however the scheduler is deployed.
 */
export async function schedulerHealth(client: DbOrTx, now: Date): Promise<SchedulerHealth> {
  const latest = await client.schedulerHeartbeat.findFirst({ where: { loop: 'jobs' }, orderBy: { lastSuccessAt: 'desc' } });
  const last = latest && latest.lastSuccessAt.getTime() > 0 ? latest.lastSuccessAt : null;
  if (!last) return { ok: false, lastSuccessAt: null, reason: 'No scheduler has completed a pass yet.' };
  if (now.getTime() - last.getTime() > STALE_AFTER_MS.jobs) {
    return { ok: false, lastSuccessAt: last, reason: `No job pass has succeeded since ${last.toISOString()}.` };
  }
  return { ok: true, lastSuccessAt: last };
}
