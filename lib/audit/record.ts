import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { webhookEventType } from '@/lib/webhooks/events';
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
 * change and its record commit or roll back together. An event the builder's app can hear about
 * carries its webhook type: the row is the outbox entry its deliveries are made from
 * (lib/webhooks/fan-out.ts), so an event and its deliveries can't part. Events keep no foreign key to what they
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
  if (events.length) await tx.$executeRaw(auditInsertStatement(context, events));
}

type AuditContext = Pick<CommandContext, 'principal' | 'now' | 'request'>;

/** Audit events with the context of the request that caused them. */
export interface AttributedEvents {
  context: AuditContext;
  events: readonly AuditEventInput[];
}

/**
 * The INSERT of a change's audit events, for a caller that runs it inside a larger statement (a
 * CTE beside the change itself). One statement whatever the number of events: they travel as one
 * JSON parameter, so its text, and its prepared plan, stay the same.
 */
export function auditInsertStatement(context: AuditContext, events: readonly AuditEventInput[]) {
  return attributedAuditInsertStatement([{ context, events }]);
}

/**
 * The same for the events of several requests written together (a batch of SCIM creates): each
 * event keeps its own request's actor, time, address and request id.
 */
export function attributedAuditInsertStatement(entries: readonly AttributedEvents[]) {
  const rows = entries.flatMap(({ context, events }) => {
    const actor = principalRecord(context.principal);
    return events.map((event) => ({
      occurred_at: context.now.toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_email: actor.email,
      ip: context.request.ip,
      request_id: context.request.requestId,
      organization_id: event.organizationId,
      action: event.action,
      target_type: event.target.type,
      target_id: event.target.id,
      target_label: event.target.label ?? null,
      summary: event.summary ?? {},
      webhook_type: webhookEventType(event.action),
    }));
  });
  return Prisma.sql`
    INSERT INTO audit_events
      (id, occurred_at, organization_id, actor_kind, actor_id, actor_email, action, target_type, target_id, target_label, summary, ip, request_id,
       webhook_type)
    SELECT gen_random_uuid(), e.occurred_at, e.organization_id, e.actor_kind, e.actor_id, e.actor_email, e.action, e.target_type,
      e.target_id, e.target_label, coalesce(e.summary, '{}'::jsonb), e.ip, e.request_id, e.webhook_type
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS e(occurred_at timestamptz, actor_kind text, actor_id text, actor_email text, ip text, request_id text,
           organization_id uuid, action text, target_type text, target_id text, target_label text, summary jsonb,
           webhook_type text)`;
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
    webhookType: webhookEventType(event.action),
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
