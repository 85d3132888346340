import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { addActivity, addDomain, addInvitation, addMember, addSsoConnection, setDirectory } from '@/lib/demo/records';
import { ORGANIZATION_FILTERS } from '@/lib/organizations/filters';
import { listOrganizations } from '@/lib/organizations/queries';
import { catchUpOrganizationStates, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { ORGANIZATION_SORTS } from '@/lib/organizations/schemas';
import {
  countPendingInvitations,
  deriveOrganizationState,
  ORGANIZATION_STATES,
  type OrganizationFacts,
  type OrganizationStateName,
} from '@/lib/organizations/state';

const HOUR = 60 * 60 * 1000;
// Offsets sit half an hour off the hour, so the milliseconds a test takes never cross a boundary.
const offsetArb = fc.integer({ min: -50 * 24, max: 20 * 24 }).map((hours) => hours * HOUR + HOUR / 2);

/** True about once in `n` draws. */
const rarely = (n: number) => fc.integer({ min: 1, max: n }).map((draw) => draw === 1);

const organizationArb = fc.record({
  suspended: rarely(8),
  members: fc.array(
    fc.record({
      role: fc.constantFrom('owner', 'admin', 'member'),
      status: fc.constantFrom('active', 'active', 'active', 'suspended'),
    }),
    { maxLength: 3 },
  ),
  invitations: fc.array(
    fc.record({
      status: fc.constantFrom('pending', 'pending', 'accepted', 'revoked', 'expired'),
      expiresIn: offsetArb,
      delivery: fc.constantFrom('queued', 'sent', 'sent', 'failed', 'bounced'),
      isTest: rarely(6),
    }),
    { maxLength: 3 },
  ),
  domains: fc.array(
    fc.record({
      status: fc.constantFrom('pending', 'verified', 'failed'),
      dependents: fc.subarray(['auto_join', 'sso', 'directory']),
    }),
    { maxLength: 2 },
  ),
  sso: fc.array(
    fc.record({
      status: fc.constantFrom('draft', 'active', 'error'),
      enabled: fc.boolean(),
      certificatesIn: fc.array(offsetArb, { maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
  directory: fc.option(fc.constantFrom('draft', 'active', 'error'), { freq: 4 }),
  activity: fc.array(fc.record({ at: offsetArb, by: fc.constantFrom('outsider', 'outsider', 'team', 'anonymous') }), { maxLength: 3 }),
  /** How long ago the stored state was last computed. */
  storedHoursAgo: fc.integer({ min: 0, max: 40 * 24 }),
});
type GeneratedOrganization = typeof organizationArb extends fc.Arbitrary<infer T> ? T : never;

/** The facts the model implies, computed without the database. */
function expectedFacts(model: GeneratedOrganization, emails: string[], t0: number, suffix: string): OrganizationFacts {
  const team = new Set(model.members.flatMap((m, i) => (m.role === 'member' ? [] : [emails[i]!])));
  const real = model.invitations.filter((i) => !i.isTest);
  const activity = model.activity
    .map((a, i) => ({
      at: t0 + a.at,
      email:
        a.by === 'anonymous'
          ? null
          : a.by === 'team'
            ? (emails[model.members.findIndex((m) => m.role !== 'member')] ?? `outsider${i}@x.example`)
            : `outsider${i}@x.example`,
    }))
    .filter((a) => a.email === null || !team.has(a.email));
  return {
    status: model.suspended ? 'suspended' : 'active',
    memberCount: model.members.length,
    activeMemberCount: model.members.filter((m) => m.status === 'active').length,
    openInvitations: model.invitations
      .map((i, n) => ({ ...i, email: `invitee${n}@x.example` }))
      .filter((i) => !i.isTest && (i.status === 'pending' || i.status === 'expired'))
      .map((i) => ({ email: i.email, status: i.status, expiresAt: new Date(t0 + i.expiresIn), deliveryStatus: i.delivery })),
    acceptedInvitationCount: real.filter((i) => i.status === 'accepted').length,
    domains: model.domains.map((d, n) => ({ name: `d${n}-${suffix}.example`, status: d.status, dependents: d.dependents })),
    // Enabled connections only; each signs in until its last certificate expires.
    ssoConnections: model.sso
      .filter((connection) => connection.enabled)
      .map((connection) => ({
        status: connection.status,
        certificateExpiresAt: connection.certificatesIn.length ? new Date(t0 + Math.max(...connection.certificatesIn)) : null,
      })),
    directory: model.directory ? { status: model.directory } : null,
    lastEndUserActivityAt: activity.length ? new Date(Math.max(...activity.map((a) => a.at))) : null,
  };
}

async function insertModel(model: GeneratedOrganization, prefix: string, t0: number) {
  const client = await db();
  const suffix = crypto.randomBytes(5).toString('hex');
  const emails = model.members.map((_, i) => `m${i}-${suffix}@x.example`);
  const storedAt = new Date(t0 - model.storedHoursAgo * HOUR);
  const id = await client.$transaction(async (tx) => {
    const org = await tx.organization.create({
      data: {
        name: `${prefix} ${suffix}`,
        slug: `${prefix}-${suffix}`,
        status: model.suspended ? 'suspended' : 'active',
        suspendedAt: model.suspended ? new Date(t0) : null,
      },
    });
    for (const [i, m] of model.members.entries()) await addMember(tx, org.id, emails[i]!, { role: m.role, status: m.status });
    for (const [n, inv] of model.invitations.entries()) {
      const email = `invitee${n}@x.example`;
      await addInvitation(tx, org.id, email, {
        status: inv.status,
        expiresAt: new Date(t0 + inv.expiresIn),
        deliveryStatus: inv.delivery,
        isTest: inv.isTest,
      });
    }
    for (const [i, d] of model.domains.entries())
      await addDomain(tx, org.id, `d${i}-${suffix}.example`, { status: d.status, dependents: d.dependents });
    for (const [n, connection] of model.sso.entries()) {
      await addSsoConnection(tx, org.id, {
        status: connection.status,
        enabled: connection.enabled,
        certificates: connection.certificatesIn.map((offset, i) => ({
          pem: `test certificate ${suffix} ${n} ${i}`,
          notBefore: new Date(t0 + offset - 365 * 24 * 3600 * 1000),
          notAfter: new Date(t0 + offset),
        })),
      });
    }
    if (model.directory) await setDirectory(tx, org.id, model.directory);
    for (const [i, a] of model.activity.entries()) {
      const teamEmail = emails[model.members.findIndex((m) => m.role !== 'member')];
      const actorEmail = a.by === 'anonymous' ? null : a.by === 'team' ? (teamEmail ?? `outsider${i}@x.example`) : `outsider${i}@x.example`;
      await addActivity(tx, org.id, new Date(t0 + a.at), { actorEmail });
    }
    // The state as stored some time ago: reads must catch it up.
    await recomputeOrganizationState(tx, org.id, storedAt);
    return org.id;
  });
  return { id, facts: expectedFacts(model, emails, t0, suffix) };
}

const SEVERITY = ['needs_attention', 'setup', 'pending', 'ready', 'active'];

/** The order each sort promises, as a comparator over stored rows. */
function compareFor(sort: (typeof ORGANIZATION_SORTS)[number]) {
  type Row = { id: string; name: string; state: string; createdAt: Date; lastActivityAt: Date; launchRank: number };
  const newest = (a: Row, b: Row) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
  switch (sort) {
    case 'created':
      return newest;
    case 'severity':
      return (a: Row, b: Row) => SEVERITY.indexOf(a.state) - SEVERITY.indexOf(b.state) || newest(a, b);
    case 'activity':
      return (a: Row, b: Row) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1);
    case 'name':
      return (a: Row, b: Row) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1);
    case 'launch':
      return (a: Row, b: Row) => a.launchRank - b.launchRank || (a.id < b.id ? -1 : 1);
  }
}

describe('the stored state equals the pure rules over generated organizations', () => {
  it('per organization, at write time and after time passes', async () => {
    const seed = Date.now() ^ crypto.randomBytes(2).readUInt16BE();
    const models = fc.sample(organizationArb, { numRuns: 60, seed });
    const client = await db();
    const t0 = Date.now();
    for (const [index, model] of models.entries()) {
      const { id, facts } = await insertModel(model, 'prop', t0);
      for (const hoursLater of [0, 1, 24 * 7, 24 * 31, 24 * 60]) {
        const now = new Date(t0 + hoursLater * HOUR + 1);
        await catchUpOrganizationStates(client, now, { organizationId: id });
        const stored = await client.organization.findUniqueOrThrow({ where: { id } });
        const expected = deriveOrganizationState(facts, now);
        const context = `seed ${seed}, model #${index}, +${hoursLater}h: ${JSON.stringify(model)}`;
        expect(stored.state, context).toBe(expected.state);
        expect(stored.stateReasons, context).toEqual(expected.reasons);
        expect(stored.pendingInvitationCount, context).toBe(countPendingInvitations(facts, now));
        expect(stored.memberCount, context).toBe(facts.memberCount);
        expect(stored.endUserActivityAt?.getTime() ?? null, context).toBe(facts.lastEndUserActivityAt?.getTime() ?? null);
      }
    }
  });

  it('the list page’s chip counts and rows equal the pure states, after catching up stale states', async () => {
    const seed = Date.now() ^ crypto.randomBytes(2).readUInt16BE();
    const models = fc.sample(organizationArb, { numRuns: 60, seed });
    const prefix = `list${crypto.randomBytes(3).toString('hex')}`;
    const t0 = Date.now();
    const inserted = [];
    for (const model of models) inserted.push(await insertModel(model, prefix, t0));
    // An injected clock, an hour on: however long inserting took on a busy machine, the rules and
    // the list are judged at the same instant.
    const now = new Date(t0 + HOUR);
    const client = await db();
    const expectedStates = new Map(inserted.map((o) => [o.id, deriveOrganizationState(o.facts, now).state]));

    // The stored keys, as they are once the list has caught the stale states up.
    await catchUpOrganizationStates(client, now);
    const stored = new Map(
      (
        await client.organization.findMany({
          where: { id: { in: inserted.map((o) => o.id) } },
          select: { id: true, name: true, state: true, createdAt: true, lastActivityAt: true, launchRank: true },
        })
      ).map((row) => [row.id, row]),
    );

    for (const sort of ORGANIZATION_SORTS) {
      for (const filter of ORGANIZATION_FILTERS) {
        const states: readonly OrganizationStateName[] = filter.states;
        const expectedIds = inserted.filter((o) => states.includes(expectedStates.get(o.id)!)).map((o) => o.id);
        const context = `seed ${seed}, chip ${filter.id}, sort ${sort}`;
        // Walk forward with Next, then back with Previous: the same rows, in the same order.
        const pages: string[][] = [];
        const previousCursors: (string | null)[] = [];
        let after: string | undefined;
        for (;;) {
          const list = await listOrganizations(client, { filter: filter.id, q: prefix, sort, after }, now);
          expect(list.counts[filter.id], context).toBe(expectedIds.length);
          for (const row of list.rows) expect(row.state, `${context}, ${row.slug}`).toBe(expectedStates.get(row.id));
          pages.push(list.rows.map((row) => row.id));
          previousCursors.push(list.previousCursor);
          if (!list.nextCursor) break;
          after = list.nextCursor;
        }
        const seen = pages.flat();
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort(), context).toEqual([...expectedIds].sort());
        // In the order the sort promises.
        expect(seen, context).toEqual([...seen].sort((a, b) => compareFor(sort)(stored.get(a)!, stored.get(b)!)));
        for (let index = pages.length - 1; index > 0; index--) {
          const list = await listOrganizations(client, { filter: filter.id, q: prefix, sort, before: previousCursors[index]! }, now);
          expect(
            list.rows.map((row) => row.id),
            context,
          ).toEqual(pages[index - 1]);
          expect(list.previousCursor === null, context).toBe(index - 1 === 0);
        }
      }
    }
  });

  it('the per-state counters equal a full count after creates, state changes and deletes', async () => {
    const client = await db();
    const seed = Date.now();
    const models = fc.sample(organizationArb, { numRuns: 15, seed });
    const t0 = Date.now();
    const inserted = [];
    for (const model of models) inserted.push(await insertModel(model, 'ctr', t0));
    await client.organization.updateMany({
      where: { id: { in: inserted.slice(0, 5).map((o) => o.id) } },
      data: { state: 'needs_attention' },
    });
    await client.organization.deleteMany({ where: { id: { in: inserted.slice(5, 9).map((o) => o.id) } } });
    // Only these organizations: a future `now` must not touch other test files' rows.
    for (const { id } of inserted) await catchUpOrganizationStates(client, new Date(t0 + 45 * 24 * HOUR), { organizationId: id });
    await expectCountsExact(client, `seed ${seed}`);
  });
});

/** The counters (summed over their slots) equal a full count, read in one snapshot so concurrent test files can't skew it. */
async function expectCountsExact(client: Awaited<ReturnType<typeof db>>, context: string) {
  const [counters, grouped] = await client.$transaction(
    async (tx) =>
      [
        await tx.organizationStateCount.groupBy({ by: ['state'], _sum: { count: true } }),
        await tx.organization.groupBy({ by: ['state'], _count: { _all: true } }),
      ] as const,
    { isolationLevel: 'RepeatableRead' },
  );
  const full = Object.fromEntries(grouped.map((g) => [g.state, g._count._all]));
  expect(counters).toHaveLength(ORGANIZATION_STATES.length);
  for (const row of counters) expect(Number(row._sum.count), `${context}, ${row.state}`).toBe(full[row.state] ?? 0);
}

describe('chip counts under concurrent writers', () => {
  it('8 clients creating organizations and changing their states at once leave the counts exact', async () => {
    const { createClient } = await import('@/lib/db/client');
    const { createOrganization, setOrganizationSuspended } = await import('@/lib/organizations/mutations');
    const { contextFor } = await import('@/lib/commands/define');
    const { builder } = await import('../factories');
    const url = process.env.TEST_DATABASE_URL;
    const shared = await db();
    // On PostgreSQL each client is its own pool, as eight app instances would be; PGlite has one connection.
    const clients = await Promise.all(Array.from({ length: 8 }, async () => (url ? createClient({ kind: 'postgres', url }) : shared)));
    const tag = crypto.randomBytes(4).toString('hex');
    await Promise.all(
      clients.map(async (client, worker) => {
        for (let i = 0; i < 6; i++) {
          const context = contextFor(builder, new Date());
          const created = await createOrganization(client, context, {
            name: `Conc ${tag} ${worker}-${i}`,
            slug: `conc-${tag}-${worker}-${i}`,
          });
          if (!created.ok) throw new Error(created.message);
          // Every other one moves to Needs attention (suspended), then some come back.
          if (i % 2 === 0) await setOrganizationSuspended(client, context, created.data.id, true);
          if (i % 4 === 0) await addMember(client, created.data.id, `m-${tag}-${worker}-${i}@conc.example`, { role: 'owner' });
          if (i % 4 === 0) await recomputeOrganizationState(client, created.data.id, new Date(), context);
        }
      }),
    );
    for (const client of clients) if (client !== shared) await client.$disconnect();
    await expectCountsExact(shared, 'after 8 concurrent writers');
    expect(await shared.organization.count({ where: { slug: { startsWith: `conc-${tag}-` } } })).toBe(48);
  });
});
