import type { Db, Tx } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { addActivity, addDomain, addInvitation, addMember } from './records';

const DAY = 24 * 60 * 60 * 1000;

type DemoOrganization = {
  name: string;
  slug: string;
  ageDays: number;
  build?: (tx: Tx, organizationId: string, now: Date) => Promise<unknown>;
};

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);
const ahead = (now: Date, days: number) => new Date(now.getTime() + days * DAY);

/** Demo organizations, at least one in every state. Safe names: this is pilot data. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { name: 'Acme Pilot', slug: 'acme-pilot', ageDays: 1 },
  {
    name: 'Globex (pilot)',
    slug: 'globex-pilot',
    ageDays: 3,
    build: (tx, id, now) => addInvitation(tx, id, 'ops@globex.example', { role: 'owner', expiresAt: ahead(now, 5) }),
  },
  {
    name: 'Initech Test',
    slug: 'initech-test',
    ageDays: 8,
    build: async (tx, id) => {
      await addMember(tx, id, 'peter@initech.example', { role: 'owner' });
      await addMember(tx, id, 'milton@initech.example', { role: 'admin' });
    },
  },
  {
    name: 'Umbrella Sandbox',
    slug: 'umbrella-sandbox',
    ageDays: 40,
    build: async (tx, id, now) => {
      await addMember(tx, id, 'alice@umbrella.example', { role: 'owner' });
      await addDomain(tx, id, 'umbrella.example', { status: 'verified', dependents: ['auto_join'] });
      await tx.organization.update({
        where: { id },
        data: {
          autoJoinEnabled: true,
          autoJoinRole: 'member',
          autoJoinApprovedAt: ago(now, 30),
          autoJoinApprovedBy: 'builder@orgdesk.localhost',
        },
      });
      await addActivity(tx, id, ago(now, 2), { kind: 'auto_join', actorEmail: 'rc@umbrella.example' });
      await addActivity(tx, id, ago(now, 1), { kind: 'api_event', actorEmail: 'jill@umbrella.example' });
    },
  },
  {
    name: 'Hooli Trial',
    slug: 'hooli-trial',
    ageDays: 5,
    build: (tx, id, now) =>
      addInvitation(tx, id, 'gavin@hooli.example', {
        role: 'owner',
        expiresAt: ahead(now, 4),
        deliveryStatus: 'bounced',
        deliveryError: '550 5.1.1 mailbox unavailable',
      }),
  },
  {
    name: 'Soylent Demo',
    slug: 'soylent-demo',
    ageDays: 60,
    build: async (tx, id) => {
      await addMember(tx, id, 'sol@soylent.example', { role: 'owner' });
      await tx.organization.update({ where: { id }, data: { status: 'suspended', suspendedAt: new Date() } });
    },
  },
  {
    name: 'Stark Pilot',
    slug: 'stark-pilot',
    ageDays: 90,
    build: async (tx, id, now) => {
      await addMember(tx, id, 'pepper@stark.example', { role: 'owner' });
      await addActivity(tx, id, ago(now, 45), { kind: 'sso_sign_in', actorEmail: 'happy@stark.example' });
    },
  },
  {
    name: 'Wayne Workspace',
    slug: 'wayne-workspace',
    ageDays: 20,
    build: (tx, id, now) =>
      addInvitation(tx, id, 'lucius@wayne.example', { role: 'admin', expiresAt: ago(now, 2), createdAt: ago(now, 9) }),
  },
  ...Array.from({ length: 24 }, (_, i): DemoOrganization => {
    const n = String(i + 1).padStart(2, '0');
    return {
      name: `Pilot Workspace ${n}`,
      slug: `pilot-workspace-${n}`,
      ageDays: 10 + i,
      build:
        i % 3 === 0
          ? undefined
          : i % 3 === 1
            ? (tx, id, now) => addInvitation(tx, id, `owner${n}@pilot.example`, { role: 'owner', expiresAt: ahead(now, 6) })
            : (tx, id) => addMember(tx, id, `owner${n}@pilot.example`, { role: 'owner' }),
    };
  }),
];

/** Idempotent: organizations whose slug exists are left alone. */
export async function seedDemoData(client: Db, now = new Date()) {
  const existing = new Set(
    (await client.organization.findMany({ where: { slug: { in: DEMO_ORGANIZATIONS.map((o) => o.slug) } }, select: { slug: true } })).map(
      (o) => o.slug,
    ),
  );
  let created = 0;
  for (const demo of DEMO_ORGANIZATIONS) {
    if (existing.has(demo.slug)) continue;
    await client.$transaction(async (tx) => {
      const organization = await tx.organization.create({
        data: { name: demo.name, slug: demo.slug, createdAt: ago(now, demo.ageDays) },
        select: { id: true },
      });
      await demo.build?.(tx, organization.id, now);
      await recomputeOrganizationState(tx, organization.id, now);
    });
    created++;
  }
  return { created, skipped: existing.size };
}
