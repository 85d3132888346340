import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { auditQuerySchema, countAuditEvents, listAuditEvents } from '../lib/audit/queries';
import { recordAudit } from '../lib/audit/record';
import { contextFor } from '../lib/commands/define';
import type { Db } from '../lib/db/client';
import { renameOrganizationCommand } from '../lib/organizations/commands';

type Measure = (fn: (i: number) => Promise<unknown>) => Promise<{ p50: number; p95: number }>;

const recorders = new WeakMap<Db, { recording: string[] | null }>();

/**
 * Counts the SQL statements a piece of work sends (BEGIN and COMMIT are not counted). The client
 * must be created with `logQueries`.
 */
export async function countStatements(client: Db, work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  let state = recorders.get(client);
  if (!state) {
    const created = { recording: null as string[] | null };
    (client as unknown as { $on(event: 'query', fn: (event: { query: string }) => void): void }).$on('query', (event) => {
      if (!/^(BEGIN|COMMIT|ROLLBACK)$/.test(event.query.trim())) created.recording?.push(event.query.replace(/\s+/g, ' ').slice(0, 160));
    });
    recorders.set(client, created);
    state = created;
  }
  state.recording = [];
  await work();
  const statements = state.recording;
  state.recording = null;
  return { count: statements.length, statements };
}

/**
 * The cost of a mutation with its audit write (a rename through the command layer: lock, read,
 * update, audit insert, in one transaction), and of the audit insert alone.
 */
export async function benchMutationWithAudit(client: Db, measure: Measure) {
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const principal = { kind: 'console_user' as const, userId: user.id, email: user.email, role: 'owner' as const };
  const orgs = await client.organization.findMany({ select: { id: true }, take: 200, orderBy: { createdAt: 'desc' } });
  let n = 0;
  const rename = (i: number) => renameOrganizationCommand(principal, { organizationId: orgs[i % orgs.length]!.id, name: `Renamed ${n++}` });
  const withAudit = await measure(rename);
  const auditOnly = await measure((i) =>
    recordAudit(client, contextFor(principal, new Date()), {
      organizationId: orgs[i % orgs.length]!.id,
      action: 'organization.renamed',
      target: { type: 'organization', id: orgs[i % orgs.length]!.id },
      summary: { name: { before: 'a', after: 'b' } },
    }),
  );
  const statements = await countStatements(client, () => rename(0));
  return { withAudit, auditOnly, statements };
}

/** Seeds `count` audit events over the seeded organizations, in one statement. */
export async function seedAuditEvents(seeder: pg.Client, count: number) {
  const started = performance.now();
  await seeder.query(
    `WITH orgs AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(slug ORDER BY id) AS slugs, count(*)::int AS n FROM organizations)
     INSERT INTO audit_events (id, occurred_at, organization_id, actor_kind, actor_id, actor_email, action, target_type, target_id, target_label, summary, ip, request_id)
     SELECT gen_random_uuid(), now() - (g * interval '2 seconds'), orgs.ids[1 + (g::bigint * 7919) % orgs.n],
            CASE WHEN g % 5 = 0 THEN 'system' ELSE 'console_user' END, 'u' || (g % 50),
            CASE WHEN g % 5 = 0 THEN NULL ELSE 'builder' || (g % 50) || '@bench.example' END,
            (ARRAY['organization.renamed','invitation.sent','invitation.accepted','organization.state_changed','domain.verified','member.joined'])[1 + g % 6],
            'organization', orgs.ids[1 + (g::bigint * 7919) % orgs.n]::text, orgs.slugs[1 + (g::bigint * 7919) % orgs.n],
            jsonb_build_object('name', jsonb_build_object('before', 'a', 'after', 'b')), '203.0.113.' || (g % 250), 'req-' || g
     FROM generate_series(1, $1::int) g, orgs`,
    [count],
  );
  await seeder.query('ANALYZE audit_events');
  return (performance.now() - started) / 1000;
}

/** The audit log's reads at this size: first and deep pages, one organization's, each filter, the export count. */
export async function benchAuditList(client: Db, measure: Measure) {
  const results: Record<string, { p50: number; p95: number }> = {};
  const all = auditQuerySchema.parse({});
  results['audit log, console-wide, page 1'] = await measure(() => listAuditEvents(client, {}, all));
  const deep = await client.auditEvent.findFirstOrThrow({
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    skip: 800_000,
    select: { id: true, occurredAt: true },
  });
  results['audit log, console-wide, deep page (80% down, keyset)'] = await measure(() =>
    listAuditEvents(client, {}, { ...all, after: deep }),
  );
  const busy = await client.auditEvent.groupBy({
    by: ['organizationId'],
    _count: { _all: true },
    orderBy: { _count: { organizationId: 'desc' } },
    take: 50,
  });
  results['audit log, one organization, page 1'] = await measure((i) =>
    listAuditEvents(client, { organizationId: busy[i % busy.length]!.organizationId! }, all),
  );
  const byAction = auditQuerySchema.parse({ action: 'domain.verified' });
  results['audit log, filtered by action'] = await measure(() => listAuditEvents(client, {}, byAction));
  const byActor = auditQuerySchema.parse({ actor: 'builder7@bench.example' });
  results['audit log, filtered by actor'] = await measure(() => listAuditEvents(client, {}, byActor));
  results['audit log, one organization filtered by action'] = await measure((i) =>
    listAuditEvents(client, { organizationId: busy[i % busy.length]!.organizationId! }, byAction),
  );
  results['audit export count, one organization'] = await measure((i) =>
    countAuditEvents(client, { organizationId: busy[i % busy.length]!.organizationId! }, all),
  );
  return results;
}
