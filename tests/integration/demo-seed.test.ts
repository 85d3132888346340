import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { DEMO_ORGANIZATIONS, seedDemoData } from '@/lib/demo/seed';
import { ORGANIZATION_STATES } from '@/lib/organizations/state';

describe('demo seed', () => {
  it('covers every state, and a second run changes nothing', async () => {
    const client = await db();
    const slugs = DEMO_ORGANIZATIONS.map((o) => o.slug);
    // The shared PostgreSQL may already hold them from an earlier run; either way the end state is the same.
    await seedDemoData(client);
    const first = await client.organization.findMany({ where: { slug: { in: slugs } }, orderBy: { slug: 'asc' } });
    expect(first).toHaveLength(DEMO_ORGANIZATIONS.length);
    expect(new Set(first.map((o) => o.state))).toEqual(new Set(ORGANIZATION_STATES));

    const again = await seedDemoData(client);
    expect(again).toEqual({ created: 0, skipped: DEMO_ORGANIZATIONS.length });
    const second = await client.organization.findMany({ where: { slug: { in: slugs } }, orderBy: { slug: 'asc' } });
    expect(second.map((o) => [o.id, o.updatedAt.getTime()])).toEqual(first.map((o) => [o.id, o.updatedAt.getTime()]));
  });
});
