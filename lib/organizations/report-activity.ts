import { z } from 'zod';
import type { CommandContext } from '@/lib/commands/define';
import type { Db, Tx } from '@/lib/db/client';
import { emailSchema } from '@/lib/email/schemas';
import type { ActivityKind } from '@/lib/generated/prisma/enums';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { lockOrganization, recomputeOrganizationState } from './recompute';
import { organizationIdSchema } from './schemas';

/** How far a reported time may lie from now: a little ahead (clock skew), up to 30 days back. */
const SKEW_MS = 5 * 60_000;
const OLDEST_MS = 30 * 24 * 60 * 60_000;

export const reportActivitySchema = z.object({
  organizationId: organizationIdSchema,
  /** The end user's address, when the app knows it; activity without one counts too. */
  email: z.union([z.null(), emailSchema]).optional().default(null).describe('The end user’s address, when the app knows it.'),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'Send an ISO 8601 time, like 2026-12-03T12:00:00Z.' })
    .optional()
    .describe('When it happened: within the last 30 days; now when left out.'),
});
export type ReportActivityInput = z.infer<typeof reportActivitySchema>;

/**
 * End-user activity the builder's app saw (a sign-in, a request): one row of kind `api_event`, and
 * the organization's state recomputed in the same transaction, which is how it becomes Active. The
 * activity row is the record; a change of state is an audit event, attributed to the caller.
 */
export async function reportActivity(
  client: Db,
  context: CommandContext,
  input: ReportActivityInput,
): Promise<Result<{ recordedAt: Date; state: string }>> {
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : context.now;
  if (occurredAt.getTime() > context.now.getTime() + SKEW_MS || occurredAt.getTime() < context.now.getTime() - OLDEST_MS) {
    return fail('invalid_input', undefined, { fieldErrors: { occurredAt: ['Send a time within the last 30 days, not in the future.'] } });
  }
  return client.$transaction((tx) =>
    recordEndUserActivity(tx, context, { organizationId: input.organizationId, kind: 'api_event', email: input.email, occurredAt }),
  );
}

/**
 * One end-user activity row (reported by the app, or a sign-in to it through Orgdesk) and the
 * organization's state recomputed in the same transaction, under the organization's lock. A
 * suspended organization records nothing.
 */
export async function recordEndUserActivity(
  tx: Tx,
  context: CommandContext,
  activity: { organizationId: string; kind: ActivityKind; email: string | null; occurredAt: Date },
): Promise<Result<{ recordedAt: Date; state: string }>> {
  if (!(await lockOrganization(tx, activity.organizationId))) return notFound();
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: activity.organizationId }, select: { status: true } });
  if (organization.status === 'suspended') return fail('suspended', 'This organization is suspended: its activity isn’t recorded.');
  await tx.endUserActivity.create({
    data: {
      organizationId: activity.organizationId,
      kind: activity.kind,
      actorEmail: activity.email,
      occurredAt: activity.occurredAt,
      createdAt: context.now,
    },
  });
  await recomputeOrganizationState(tx, activity.organizationId, context.now, context);
  const after = await tx.organization.findUniqueOrThrow({ where: { id: activity.organizationId }, select: { state: true } });
  return ok({ recordedAt: activity.occurredAt, state: after.state });
}
