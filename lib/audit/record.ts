import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import type { AuditAction } from './actions';

/** A field's value before and after a change. */
export type Change = { before: unknown; after: unknown };

export interface AuditEventInput {
  organizationId: string | null;
  action: AuditAction;
  target: { type: string; id: string | null; label?: string | null };
  /** Short and structured: before/after for changed fields, counts, names. Never a secret. */
  summary?: Record<string, unknown>;
}

/**
 * Writes one audit event. Call it inside the transaction of the change it describes, so the
 * change and its record commit or roll back together. Events keep no foreign key to what they
 * describe: they outlive it.
 */
export async function recordAudit(tx: DbOrTx, context: Pick<CommandContext, 'principal' | 'now' | 'request'>, event: AuditEventInput) {
  await tx.auditEvent.create({ data: auditRow(context, event) });
}

/** Several events of one change, by the same principal, in one statement. */
export async function recordAuditEvents(
  tx: DbOrTx,
  context: Pick<CommandContext, 'principal' | 'now' | 'request'>,
  events: readonly AuditEventInput[],
) {
  if (events.length) await tx.auditEvent.createMany({ data: events.map((event) => auditRow(context, event)) });
}

function auditRow(context: Pick<CommandContext, 'principal' | 'now' | 'request'>, event: AuditEventInput) {
  const actor = principalRecord(context.principal);
  return {
    occurredAt: context.now,
    organizationId: event.organizationId,
    actorKind: actor.kind,
    actorId: actor.id,
    actorEmail: actor.email,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id,
    targetLabel: event.target.label ?? null,
    summary: (event.summary ?? {}) as object,
    ip: context.request.ip,
    requestId: context.request.requestId,
  };
}

/** Before/after for the fields that changed, and nothing else. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) changes[key] = { before: a ?? null, after: b ?? null };
  }
  return changes;
}
