import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { WEBHOOK_DELIVER, WEBHOOK_MAX_ATTEMPTS } from './policy';

const BATCH = 500;

/**
 * Turns audit events waiting in the outbox into deliveries, one per subscribed endpoint, each
 * with its delivery job. One statement per batch: the events are claimed (FOR UPDATE SKIP LOCKED,
 * so two instances never take the same ones), cleared from the outbox, and their deliveries and
 * jobs written together; the unique (endpoint, event) pair makes a second fan-out a no-op. An
 * endpoint receives the events that happened after it was added, while it is enabled. The message
 * is fixed here, so every retry sends the same bytes. The subscription test mirrors `subscribes`.
 */
export function fanOutStatement(now: Date, limit = BATCH) {
  return Prisma.sql`
    WITH pending AS (
      SELECT id, webhook_type FROM audit_events WHERE webhook_type IS NOT NULL
      ORDER BY occurred_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE audit_events a SET webhook_type = NULL FROM pending p WHERE a.id = p.id
      RETURNING a.id, p.webhook_type AS type, a.occurred_at, a.organization_id, a.action, a.actor_kind, a.actor_id,
        a.target_type, a.target_id, a.target_label, a.summary
    ), deliveries AS (
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, created_at, next_attempt_at)
      SELECT gen_random_uuid(), e.id, t.id, t.type,
        jsonb_build_object(
          'type', t.type,
          'timestamp', to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'data', jsonb_build_object(
            'action', t.action,
            'organization', CASE WHEN t.organization_id IS NULL THEN NULL
              ELSE jsonb_build_object('id', t.organization_id, 'slug', o.slug, 'name', o.name, 'state', o.state) END,
            'target', jsonb_build_object('type', t.target_type, 'id', t.target_id, 'label', t.target_label),
            'actor', jsonb_build_object('kind', t.actor_kind, 'id', t.actor_id),
            'details', t.summary)),
        'pending', 0, ${now}, ${now}
      FROM taken t
      JOIN webhook_endpoints e ON e.disabled_at IS NULL AND e.created_at <= t.occurred_at
        AND (t.type = ANY (e.event_types) OR split_part(t.type, '.', 1) || '.*' = ANY (e.event_types))
      LEFT JOIN organizations o ON o.id = t.organization_id
      ON CONFLICT (endpoint_id, event_id) DO NOTHING
      RETURNING id, event_id
    ), queued AS (
      INSERT INTO jobs (id, kind, payload, organization_id, subject_id, max_attempts, run_at, created_at)
      SELECT gen_random_uuid(), ${WEBHOOK_DELIVER}, jsonb_build_object('deliveryId', d.id), t.organization_id, d.id,
        ${WEBHOOK_MAX_ATTEMPTS}, ${now}, ${now}
      FROM deliveries d JOIN taken t ON t.id = d.event_id
      RETURNING id
    )
    SELECT (SELECT count(*) FROM taken)::int AS events, (SELECT count(*) FROM queued)::int AS deliveries`;
}

/** Fans out everything waiting, a batch at a time. How many events and deliveries it made. */
export async function fanOutWebhookEvents(client: DbOrTx, now: Date): Promise<{ events: number; deliveries: number }> {
  const total = { events: 0, deliveries: 0 };
  for (;;) {
    const [row] = await client.$queryRaw<{ events: number; deliveries: number }[]>(fanOutStatement(now));
    total.events += row?.events ?? 0;
    total.deliveries += row?.deliveries ?? 0;
    if ((row?.events ?? 0) < BATCH) return total;
  }
}
