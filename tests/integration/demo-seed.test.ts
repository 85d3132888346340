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

  it('gives the console a team to click through: an Admin, a suspended Viewer and a pending invitation, once', async () => {
    const client = await db();
    await seedDemoData(client);
    await seedDemoData(client);
    const team = await client.consoleUser.findMany({
      where: { user: { email: { endsWith: '@builder-team.example' } } },
      select: { role: true, status: true, source: true },
      orderBy: { role: 'asc' },
    });
    expect(team).toEqual([
      { role: 'admin', status: 'active', source: 'invitation' },
      { role: 'viewer', status: 'suspended', source: 'invitation' },
    ]);
    expect(await client.consoleInvitation.count({ where: { email: 'margaret@builder-team.example', status: 'pending' } })).toBe(1);
  });
});

describe('the demo launch check', () => {
  it('has an organization ready to launch and one launched', async () => {
    const client = await db();
    await seedDemoData(client);
    const select = { launchRank: true, launchedAt: true, launchPassed: true, launchApplicable: true } as const;
    const initech = await client.organization.findUniqueOrThrow({ where: { slug: 'initech-test' }, select });
    expect(initech).toMatchObject({ launchRank: 0, launchedAt: null });
    expect(initech.launchPassed).toBe(initech.launchApplicable);
    const umbrella = await client.organization.findUniqueOrThrow({ where: { slug: 'umbrella-sandbox' }, select });
    expect(umbrella).toMatchObject({ launchRank: 1000, launchedAt: expect.any(Date) });
  });
});

describe('the demo data tells a consistent story', () => {
  it('people join after their organization exists, invitations precede acceptance, domains are verified before auto-join is approved', async () => {
    const client = await db();
    await seedDemoData(client);
    const organizations = await client.organization.findMany({
      where: { slug: { in: DEMO_ORGANIZATIONS.map((o) => o.slug) } },
      include: { memberships: true, invitations: true, domains: true },
    });
    for (const organization of organizations) {
      const at = organization.createdAt.getTime();
      for (const member of organization.memberships) {
        expect(member.createdAt.getTime(), `${organization.slug}: a member joined before it existed`).toBeGreaterThan(at);
        if (member.lastSignInAt) expect(member.lastSignInAt.getTime()).toBeGreaterThanOrEqual(member.createdAt.getTime());
        if (member.joinedVia === 'invitation') {
          const invitation = organization.invitations.find((i) => i.status === 'accepted' && i.acceptedById === member.userId);
          expect(invitation, `${organization.slug}: a member joined by an invitation that isn't there`).toBeDefined();
          expect(invitation!.createdAt.getTime()).toBeLessThan(invitation!.acceptedAt!.getTime());
          expect(invitation!.acceptedAt!.getTime()).toBeLessThanOrEqual(member.createdAt.getTime());
        }
      }
      for (const invitation of organization.invitations) {
        expect(invitation.createdAt.getTime(), `${organization.slug}: an invitation sent before it existed`).toBeGreaterThan(at);
        expect(invitation.expiresAt.getTime()).toBeGreaterThan(invitation.createdAt.getTime());
      }
      for (const domain of organization.domains.filter((d) => d.status === 'verified')) {
        // A verified domain says when it was checked, never "Not checked yet".
        expect(domain.lastCheckedAt).not.toBeNull();
        expect(domain.lastCheckResult).toBeTruthy();
        expect(domain.verifiedAt!.getTime()).toBeGreaterThan(at);
        if (organization.autoJoinApprovedAt) expect(domain.verifiedAt!.getTime()).toBeLessThan(organization.autoJoinApprovedAt.getTime());
      }
      expect(organization.lastActivityAt.getTime()).toBeGreaterThanOrEqual(at);
    }
    expect(organizations.some((o) => o.memberships.some((m) => m.joinedVia === 'auto_join'))).toBe(true);
  });
});
