import { recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import type { Db } from '@/lib/db/client';
import { fail, notFound, ok, type Result } from '@/lib/result';

/**
 * Gives a dead job a fresh set of attempts, now. A job an organization-bound caller can't reach
 * is "not found".
 */
export async function retryDeadJob(client: Db, context: CommandContext, input: { jobId: string }): Promise<Result<{ kind: string }>> {
  return client.$transaction(async (tx) => {
    const job = await tx.job.findUnique({ where: { id: input.jobId } });
    const bound = 'organizationId' in context.principal ? context.principal.organizationId : null;
    if (!job || (bound && job.organizationId !== bound)) return notFound();
    if (job.status !== 'dead') return fail('not_retryable', `This job is ${job.status}; only dead jobs can be retried.`);
    await tx.job.updateMany({
      where: { id: job.id, status: 'dead' },
      data: { status: 'queued', attempts: 0, runAt: context.now, finishedAt: null, lockedBy: null, lockedUntil: null },
    });
    await recordAudit(tx, context, {
      organizationId: job.organizationId,
      action: 'job.retried',
      target: { type: 'job', id: job.id, label: job.kind },
      summary: { status: { before: 'dead', after: 'queued' }, lastError: job.lastError, attempts: job.attempts },
    });
    return ok({ kind: job.kind });
  });
}
