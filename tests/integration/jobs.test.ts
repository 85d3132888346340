import { afterAll, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { createClient, type Db, db } from '@/lib/db/client';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { createInvitations } from '@/lib/invitations/mutations';
import { MAX_DELIVERY_ATTEMPTS } from '@/lib/invitations/policy';
import { enqueueProbes } from '@/lib/jobs/probe';
import { claimJobs, enqueueJob, releaseJobs, settleJob } from '@/lib/jobs/queue';
import { runDueJobs } from '@/lib/jobs/runner';
import { at, createTestOrganization, memberOf, uniqueEmail } from '../factories';
import { DAY, testClock } from '../support/clock';
import { startSmtpSink } from '../support/smtp-sink';

afterAll(() => {
  delete process.env.SMTP_URL;
  resetConfig();
});

async function probesLabelled(label: string) {
  const client = await db();
  const jobs = await client.job.findMany({
    where: { kind: 'queue.probe', payload: { path: ['label'], equals: label } },
    select: { id: true, status: true },
  });
  const runs = await client.jobProbeRun.findMany({ where: { jobId: { in: jobs.map((j) => j.id) } } });
  return { jobs, runs };
}

describe('the job queue', () => {
  it('two runners share the work, and every job runs exactly once', async () => {
    const label = `share-${Date.now()}-${Math.random()}`;
    const client = await db();
    await enqueueProbes(client, 60, label, new Date());
    const url = process.env.TEST_DATABASE_URL;
    // On PostgreSQL the second runner has its own pool, as a second instance would.
    const second: Db = url ? await createClient({ kind: 'postgres', url }) : client;
    try {
      await Promise.all([
        runDueJobs(client, { kinds: ['queue.probe'], workerId: 'runner-a' }),
        runDueJobs(second, { kinds: ['queue.probe'], workerId: 'runner-b' }),
      ]);
    } finally {
      if (url) await second.$disconnect();
    }
    const { jobs, runs } = await probesLabelled(label);
    expect(jobs).toHaveLength(60);
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(60);
  });

  it('a worker whose lease ran out records nothing; the job runs once, for the worker that holds it', async () => {
    const client = await db();
    const { id } = await enqueueJob(client, { kind: 'queue.probe', payload: { label: 'lease' } }, new Date(Date.now() - 60_000));
    const clock = testClock(new Date());
    const stale = await claimJobs(client, { now: clock.now(), workerId: 'stale', kinds: ['queue.probe'], limit: 100, leaseMs: 1_000 });
    const mine = stale.find((j) => j.id === id)!;
    expect(mine).toBeDefined();
    await releaseJobs(
      client,
      stale.filter((j) => j.id !== id).map((j) => j.id),
      'stale',
    );
    // The lease runs out; another worker claims the job and finishes it.
    const fresh = await claimJobs(client, {
      now: clock.advance(2_000),
      workerId: 'fresh',
      kinds: ['queue.probe'],
      limit: 100,
      leaseMs: 60_000,
    });
    expect(fresh.map((j) => j.id)).toContain(id);
    expect(await settleJob(client, mine, { status: 'done' }, clock.now())).toBe(false);
    expect(await settleJob(client, fresh.find((j) => j.id === id)!, { status: 'done' }, clock.now())).toBe(true);
    await releaseJobs(
      client,
      fresh.filter((j) => j.id !== id).map((j) => j.id),
      'fresh',
    );
    expect(await client.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'fresh' });
  });

  it('a stopping worker hands back what it has not started, at once', async () => {
    const client = await db();
    const label = `stop-${Date.now()}`;
    await enqueueProbes(client, 10, label, new Date(Date.now() - 1_000));
    const controller = new AbortController();
    controller.abort();
    const summary = await runDueJobs(client, { kinds: ['queue.probe'], signal: controller.signal, workerId: 'stopping' });
    expect(summary.claimed).toBe(0);
    const claimed = await claimJobs(client, { now: new Date(), workerId: 'stopping', kinds: ['queue.probe'], limit: 3, leaseMs: 60_000 });
    expect(
      await releaseJobs(
        client,
        claimed.map((j) => j.id),
        'stopping',
      ),
    ).toBe(claimed.length);
    const after = await client.job.findMany({ where: { id: { in: claimed.map((j) => j.id) } } });
    expect(after.every((j) => j.lockedBy === null && j.lockedUntil === null && j.status === 'queued')).toBe(true);
    await runDueJobs(client, { kinds: ['queue.probe'] });
    const { runs } = await probesLabelled(label);
    expect(runs).toHaveLength(10);
  });

  it('a job with a payload its kind can’t read is dead at once, and says why', async () => {
    const client = await db();
    const { id } = await enqueueJob(client, { kind: 'queue.probe', payload: { label: 42 } }, new Date(Date.now() - 1_000));
    await runDueJobs(client, { kinds: ['queue.probe'] });
    expect(await client.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'dead',
      lastError: "The job's payload is not valid for queue.probe.",
    });
  });

  it('retries with backoff, then is dead after its last attempt, with the invitation marked failed', async () => {
    const clock = testClock();
    const closed = await startSmtpSink(0);
    await closed.close();
    process.env.SMTP_URL = `smtp://127.0.0.1:${closed.port}?tls=off`;
    resetConfig();
    const org = await createTestOrganization();
    const to = uniqueEmail('never');
    expect(
      (
        await createInvitations(await db(), at(clock.now()), {
          organizationId: org.id,
          addresses: to,
          role: 'member',
          expiresInDays: 30,
          confirm: [],
        })
      ).ok,
    ).toBe(true);
    const invitation = await (await db()).invitation.findFirstOrThrow({ where: { organizationId: org.id } });
    // Not due again before its backoff.
    expect(await deliverQueuedEmail(await db(), clock.now(), 5, { organizationId: org.id })).toMatchObject({ retry: 1 });
    expect(await deliverQueuedEmail(await db(), clock.now(), 5, { organizationId: org.id })).toMatchObject({ claimed: 0 });
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++)
      await deliverQueuedEmail(await db(), clock.advance(DAY), 5, { organizationId: org.id });
    const job = await (await db()).job.findFirstOrThrow({ where: { subjectId: invitation.id } });
    expect(job).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(job.lastError).toBeTruthy();
    const after = await (await db()).invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(after.deliveryStatus).toBe('failed');
    const stored = await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.state).toBe('needs_attention');
    const events = await (await db()).auditEvent.findMany({ where: { organizationId: org.id, action: 'invitation.delivery_failed' } });
    expect(events).toHaveLength(1);
  });
});

describe('retrying a dead job', () => {
  it('queues it again with fresh attempts and records who did it; refuses other statuses and other organizations', async () => {
    const { retryJobCommand } = await import('@/lib/jobs/commands');
    const { builder } = await import('../factories');
    const client = await db();
    const org = await createTestOrganization();
    const other = await createTestOrganization();
    const dead = await client.job.create({
      data: {
        kind: 'queue.probe',
        payload: { label: 'dead' },
        status: 'dead',
        attempts: 5,
        maxAttempts: 5,
        lastError: 'boom',
        organizationId: org.id,
        finishedAt: new Date(),
      },
    });
    const done = await client.job.create({
      data: { kind: 'queue.probe', payload: {}, status: 'done', organizationId: org.id, finishedAt: new Date() },
    });

    // Jobs are the console's: no organization role holds jobs.manage, an owner of this or another
    // organization included.
    for (const organizationId of [other.id, org.id]) {
      expect(await retryJobCommand(await memberOf(organizationId, 'owner'), { jobId: dead.id })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
    expect(await client.job.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: 'dead', attempts: 5 });
    expect(await retryJobCommand(builder, { jobId: done.id })).toMatchObject({ ok: false, code: 'not_retryable' });
    expect(await retryJobCommand(builder, { jobId: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'invalid_input' });

    expect(await retryJobCommand(builder, { jobId: dead.id })).toMatchObject({ ok: true, data: { kind: 'queue.probe' } });
    expect(await client.job.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: 'queued',
      attempts: 0,
      finishedAt: null,
    });
    const events = await client.auditEvent.findMany({ where: { organizationId: org.id, action: 'job.retried' } });
    expect(events).toEqual([
      expect.objectContaining({ actorEmail: builder.email, targetId: dead.id, summary: expect.objectContaining({ lastError: 'boom' }) }),
    ]);
    expect(await client.auditEvent.count({ where: { organizationId: other.id } })).toBe(0);
  });
});
