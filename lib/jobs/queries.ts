import type { DbOrTx } from '@/lib/db/client';

export const JOB_STATUSES = ['queued', 'dead', 'done', 'cancelled'] as const;
export type JobStatusName = (typeof JOB_STATUSES)[number];

/** How many jobs are in each status, for the console's Background jobs page. */
export async function countJobsByStatus(client: DbOrTx): Promise<Record<JobStatusName, number>> {
  const groups = await client.job.groupBy({ by: ['status'], _count: { _all: true } });
  const counts = { queued: 0, dead: 0, done: 0, cancelled: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

/** Jobs in one status, the most recent first: dead ones by when they gave up. */
export async function listJobs(client: DbOrTx, status: JobStatusName, take = 50) {
  return client.job.findMany({
    where: { status },
    orderBy: status === 'queued' ? [{ runAt: 'asc' }, { id: 'asc' }] : [{ finishedAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Each instance's scheduler loops and their last successful pass. */
export async function listSchedulerHeartbeats(client: DbOrTx) {
  return client.schedulerHeartbeat.findMany({ orderBy: [{ loop: 'asc' }, { lastSuccessAt: 'desc' }], take: 100 });
}
