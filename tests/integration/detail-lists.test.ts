import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { listInvitations } from '@/lib/invitations/queries';
import { DETAIL_PAGE_SIZE, listMembers } from '@/lib/organizations/queries';
import { createTestOrganization, uniqueEmail } from '../factories';

const DAY = 24 * 60 * 60_000;

/** An organization with `members` members joined a second apart, and `invitations` invitations. */
async function organizationWith(members: number, invitations: { count: number; expired?: number }) {
  const t0 = Date.now() - 10 * DAY;
  return createTestOrganization({
    build: async (tx, organizationId) => {
      for (let i = 0; i < members; i++) {
        const user = await tx.user.create({ data: { email: uniqueEmail(`m${String(i).padStart(3, '0')}`) } });
        await tx.membership.create({
          data: { organizationId, userId: user.id, joinedVia: 'invitation', createdAt: new Date(t0 + i * 1000) },
        });
      }
      await tx.invitation.createMany({
        data: Array.from({ length: invitations.count }, (_, i) => ({
          organizationId,
          email: uniqueEmail(`i${String(i).padStart(3, '0')}`),
          tokenHash: crypto.randomBytes(32).toString('hex'),
          createdAt: new Date(t0 + i * 1000),
          expiresAt: new Date(i < (invitations.expired ?? 0) ? Date.now() - DAY : Date.now() + 5 * DAY),
        })),
      });
    },
  });
}

describe("an organization's members, a page at a time", () => {
  it('pages oldest first, ends at the total, and pulls a page past the end back to the last', async () => {
    const org = await organizationWith(DETAIL_PAGE_SIZE + 5, { count: 0 });
    const client = await db();
    const first = await listMembers(client, org.id, 1);
    expect(first.rows).toHaveLength(DETAIL_PAGE_SIZE);
    expect(first.page).toMatchObject({ page: 1, pageCount: 2, total: DETAIL_PAGE_SIZE + 5, first: 1, last: DETAIL_PAGE_SIZE });
    expect(first.rows[0]!.user.email).toMatch(/^m000-/);
    const second = await listMembers(client, org.id, 2);
    expect(second.rows.map((m) => m.user.email.slice(0, 4))).toEqual(['m050', 'm051', 'm052', 'm053', 'm054']);
    const beyond = await listMembers(client, org.id, 9);
    expect(beyond.page.page).toBe(2);
    expect(beyond.rows.map((m) => m.id)).toEqual(second.rows.map((m) => m.id));
    // Nothing repeats or goes missing across the pages.
    expect(new Set([...first.rows, ...second.rows].map((m) => m.id)).size).toBe(DETAIL_PAGE_SIZE + 5);
  });

  it("never shows another organization's members", async () => {
    const mine = await organizationWith(3, { count: 0 });
    await organizationWith(4, { count: 0 });
    const page = await listMembers(await db(), mine.id, 1);
    expect(page.page.total).toBe(3);
    expect(page.rows.every((m) => m.organizationId === mine.id)).toBe(true);
  });

  it('lists the same by current slug as by id, and nothing under a slug no organization holds now', async () => {
    const mine = await organizationWith(DETAIL_PAGE_SIZE + 2, { count: 3 });
    const other = await organizationWith(2, { count: 4 });
    const client = await db();
    const now = new Date();
    for (const page of [1, 2]) {
      const bySlug = await listMembers(client, { slug: mine.slug }, page);
      const byId = await listMembers(client, mine.id, page);
      expect(bySlug.page).toEqual(byId.page);
      expect(bySlug.rows.map((m) => m.id)).toEqual(byId.rows.map((m) => m.id));
    }
    const invitations = await listInvitations(client, { slug: mine.slug }, { filter: 'all' }, now);
    expect(invitations.page.total).toBe(3);
    expect(invitations.rows.every((i) => i.organizationId === mine.id)).toBe(true);
    expect((await listMembers(client, { slug: other.slug }, 1)).rows.every((m) => m.organizationId === other.id)).toBe(true);
    // A slug that was renamed away (it only redirects now) lists nothing.
    await client.organization.update({ where: { id: other.id }, data: { slug: `${other.slug}-renamed` } });
    expect((await listMembers(client, { slug: other.slug }, 1)).page.total).toBe(0);
    expect((await listInvitations(client, { slug: other.slug }, { filter: 'all' }, now)).page.total).toBe(0);
  });
});

describe("an organization's invitations, a page at a time", () => {
  it('pages newest first within the status filter, counting expiry at read time', async () => {
    const org = await organizationWith(0, { count: DETAIL_PAGE_SIZE + 12, expired: 2 });
    const client = await db();
    const now = new Date();
    const all = await listInvitations(client, org.id, { filter: 'all', page: 2 }, now);
    expect(all.page).toMatchObject({ total: DETAIL_PAGE_SIZE + 12, pageCount: 2, first: DETAIL_PAGE_SIZE + 1 });
    expect(all.rows).toHaveLength(12);
    expect(all.rows.at(-1)!.email).toMatch(/^i000-/);
    const pending = await listInvitations(client, org.id, { filter: 'pending', page: 2 }, now);
    expect(pending.page.total).toBe(DETAIL_PAGE_SIZE + 10);
    expect(pending.rows).toHaveLength(10);
    const expired = await listInvitations(client, org.id, { filter: 'expired', page: 5 }, now);
    expect(expired.page).toMatchObject({ page: 1, total: 2 });
    expect(expired.rows.map((i) => i.email.slice(0, 4)).sort()).toEqual(['i000', 'i001']);
  });
});

describe('finding an invitation by address', () => {
  it('matches part of the address, in any case, within the status filter, and only in this organization', async () => {
    const client = await db();
    const now = new Date();
    const tag = crypto.randomBytes(4).toString('hex');
    const org = await createTestOrganization({
      build: (tx, organizationId) =>
        tx.invitation.createMany({
          data: ['ana', 'bob', 'ana_b', 'anab'].map((name, i) => ({
            organizationId,
            email: `${name}.${tag}@find.example`,
            tokenHash: crypto.randomBytes(32).toString('hex'),
            expiresAt: new Date(now.getTime() + (i === 3 ? -DAY : 5 * DAY)),
          })),
        }),
    });
    await createTestOrganization({
      build: (tx, organizationId) =>
        tx.invitation.create({
          data: {
            organizationId,
            email: `ana.${tag}@elsewhere.example`,
            tokenHash: crypto.randomBytes(32).toString('hex'),
            expiresAt: new Date(now.getTime() + DAY),
          },
        }),
    });
    const emails = async (filter: 'all' | 'pending', search: string) =>
      (await listInvitations(client, org.id, { filter, search }, now)).rows.map((i) => i.email.split('.')[0]).sort();

    expect(await emails('all', `ANA`)).toEqual(['ana', 'ana_b', 'anab']);
    expect(await emails('pending', 'ana')).toEqual(['ana', 'ana_b']);
    // LIKE's wildcards match only themselves.
    expect(await emails('all', 'ana_')).toEqual(['ana_b']);
    expect(await emails('all', '%')).toEqual([]);
    expect((await listInvitations(client, org.id, { filter: 'all', search: 'nobody' }, now)).page.total).toBe(0);
  });
});
