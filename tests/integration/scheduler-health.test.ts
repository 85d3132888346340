import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { recordHeartbeat, STALE_AFTER_MS, schedulerHealth } from '@/lib/scheduler/heartbeat';

describe('scheduler health (what /api/health reports)', () => {
  it('is healthy while some instance’s job loop succeeds, and stalled once none has for two minutes', async () => {
    const client = await db();
    // Other test files' instances may write heartbeats too: judge at a time after all of them.
    const latest = await client.schedulerHeartbeat.findFirst({ where: { loop: 'jobs' }, orderBy: { lastSuccessAt: 'desc' } });
    const t0 = new Date(Math.max(Date.now(), (latest?.lastSuccessAt.getTime() ?? 0) + 1) + 10 * 24 * 3_600_000);
    const instance = `health-test-${t0.getTime()}`;
    await recordHeartbeat(client, instance, 'jobs', t0, null);
    expect(await schedulerHealth(client, new Date(t0.getTime() + 60_000))).toEqual({ ok: true, lastSuccessAt: t0 });

    // A pass that fails keeps the last success, and records why.
    await recordHeartbeat(client, instance, 'jobs', null, 'connection refused');
    const row = await client.schedulerHeartbeat.findUniqueOrThrow({ where: { instanceId_loop: { instanceId: instance, loop: 'jobs' } } });
    expect(row).toMatchObject({ lastSuccessAt: t0, lastError: 'connection refused' });

    const later = new Date(t0.getTime() + STALE_AFTER_MS.jobs + 1);
    const stalled = await schedulerHealth(client, later);
    expect(stalled).toMatchObject({ ok: false, lastSuccessAt: t0 });
    if (!stalled.ok) expect(stalled.reason).toContain('No job pass has succeeded since');
    await client.schedulerHeartbeat.delete({ where: { instanceId_loop: { instanceId: instance, loop: 'jobs' } } });
  });
});
