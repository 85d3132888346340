import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import {
  changeOrganizationSlugCommand,
  createOrganizationCommand,
  deleteOrganizationCommand,
  reactivateOrganizationCommand,
  renameOrganizationCommand,
  suspendOrganizationCommand,
} from '@/lib/organizations/commands';
import { findOrganizationBySlug, listOrganizations } from '@/lib/organizations/queries';
import { builder, createTestOrganization, form, uniqueSlug } from '../factories';

async function reload(id: string) {
  return (await db()).organization.findUnique({ where: { id } });
}

describe('create an organization', () => {
  it('creates it in Setup, with the trimmed name and the slug', async () => {
    const slug = uniqueSlug('acme');
    const result = await createOrganizationCommand(builder, form({ name: '  Acme Pilot  ', slug }));
    expect(result).toMatchObject({ ok: true, data: { slug } });
    const created = await (await db()).organization.findUniqueOrThrow({ where: { slug } });
    expect(created.name).toBe('Acme Pilot');
    expect(created.state).toBe('setup');
    expect(created.stateReasons).toEqual([]);
  });

  it('returns field errors, keeps what was typed, and writes nothing on bad input', async () => {
    const slug = uniqueSlug('bad');
    const result = await createOrganizationCommand(builder, form({ name: '   ', slug: `${slug}--x` }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_input');
    expect(result.fieldErrors?.name).toEqual(['Enter a name.']);
    expect(result.fieldErrors?.slug).toEqual(['Use single hyphens only.']);
    expect(result.values).toMatchObject({ name: '   ', slug: `${slug}--x` });
    // Other test files write organizations in parallel on PostgreSQL: count only what this call could have made.
    const client = await db();
    expect(await client.organization.count({ where: { slug: { startsWith: slug } } })).toBe(0);
    expect(await client.organization.count({ where: { name: { in: ['', '   '] } } })).toBe(0);
  });

  it('a taken slug gets a clear message and a free suggestion', async () => {
    const existing = await createTestOrganization();
    await createTestOrganization({ slug: `${existing.slug}-2` });
    const result = await createOrganizationCommand(builder, form({ name: 'Another', slug: existing.slug }));
    expect(result).toMatchObject({ ok: false, code: 'slug_taken', hint: { suggestedSlug: `${existing.slug}-3` } });
    if (result.ok) return;
    expect(result.fieldErrors?.slug?.[0]).toContain('already taken');
    expect(result.values).toMatchObject({ name: 'Another', slug: existing.slug });
  });

  it('two simultaneous creates with one slug: exactly one succeeds', async () => {
    const slug = uniqueSlug('race');
    const results = await Promise.all([
      createOrganizationCommand(builder, form({ name: 'First', slug })),
      createOrganizationCommand(builder, form({ name: 'Second', slug })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['slug_taken']);
    expect(await (await db()).organization.count({ where: { slug } })).toBe(1);
  });

  it('refuses anyone who is not a signed-in builder, and writes nothing', async () => {
    const slug = uniqueSlug('anon');
    const result = await createOrganizationCommand(null, form({ name: 'Sneaky', slug }));
    expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await (await db()).organization.count({ where: { slug } })).toBe(0);
  });
});

describe('search counts', () => {
  it('count every match up to the cap, then say "at least" instead of counting further', async () => {
    const term = uniqueSlug('capped');
    for (let i = 0; i < 7; i++) {
      const created = await createOrganizationCommand(builder, form({ name: `Capped ${i}`, slug: `${term}-${i}` }));
      expect(created.ok).toBe(true);
    }
    const client = await db();
    const query = { filter: 'all', q: term } as const;
    // Under the cap: exact, and not marked as a lower bound.
    const exact = await listOrganizations(client, query, new Date(), 7);
    expect(exact).toMatchObject({ countsCapped: false, total: 7 });
    expect(exact.counts.waiting + exact.counts['needs-action'] + exact.counts.ready + exact.counts.live).toBe(7);
    // Past it: the All chip shows the cap exactly, every count is a lower bound, and the rows still come.
    const capped = await listOrganizations(client, query, new Date(), 5);
    expect(capped).toMatchObject({ countsCapped: true, total: 5 });
    expect(capped.rows).toHaveLength(7);
    // Without a search the counts come from the counters, exact at any size.
    const all = await listOrganizations(client, { filter: 'all', q: '' }, new Date(), 5);
    expect(all.countsCapped).toBe(false);
    expect(all.total).toBeGreaterThanOrEqual(7);
  });
});

describe('rename, change slug, suspend, reactivate, delete', () => {
  it('renames', async () => {
    const org = await createTestOrganization();
    const result = await renameOrganizationCommand(builder, form({ organizationId: org.id, name: ' Renamed Co ' }));
    expect(result).toMatchObject({ ok: true });
    expect((await reload(org.id))?.name).toBe('Renamed Co');
  });

  it('a rename with a bad name changes nothing', async () => {
    const org = await createTestOrganization();
    const result = await renameOrganizationCommand(builder, form({ organizationId: org.id, name: 'x'.repeat(101) }));
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect((await reload(org.id))?.name).toBe(org.name);
  });

  it('changing the slug keeps the old one as a redirect', async () => {
    const org = await createTestOrganization();
    const next = uniqueSlug('moved');
    const result = await changeOrganizationSlugCommand(builder, form({ organizationId: org.id, slug: next }));
    expect(result).toMatchObject({ ok: true, data: { slug: next, previousSlug: org.slug } });
    const client = await db();
    expect(await findOrganizationBySlug(client, org.slug, new Date())).toEqual({ kind: 'redirect', slug: next });
    expect((await findOrganizationBySlug(client, next, new Date())).kind).toBe('found');
  });

  it('a new organization may claim an old slug, and then wins it', async () => {
    const org = await createTestOrganization();
    const oldSlug = org.slug;
    await changeOrganizationSlugCommand(builder, form({ organizationId: org.id, slug: uniqueSlug('moved') }));
    const claimed = await createOrganizationCommand(builder, form({ name: 'Claimer', slug: oldSlug }));
    expect(claimed.ok).toBe(true);
    const found = await findOrganizationBySlug(await db(), oldSlug, new Date());
    expect(found.kind === 'found' && found.organization.name).toBe('Claimer');
  });

  it('changing to a taken slug fails with a suggestion and changes nothing', async () => {
    const a = await createTestOrganization();
    const b = await createTestOrganization();
    const result = await changeOrganizationSlugCommand(builder, form({ organizationId: a.id, slug: b.slug }));
    expect(result).toMatchObject({ ok: false, code: 'slug_taken' });
    expect((await reload(a.id))?.slug).toBe(a.slug);
    expect(await (await db()).organizationSlugRedirect.count({ where: { organizationId: a.id } })).toBe(0);
  });

  it('suspending makes the organization Needs attention; reactivating restores its state', async () => {
    const org = await createTestOrganization({ build: (tx, id) => addMember(tx, id, `${uniqueSlug('m')}@x.com`, { role: 'owner' }) });
    expect(org.state).toBe('ready');
    await suspendOrganizationCommand(builder, form({ organizationId: org.id }));
    const suspended = await reload(org.id);
    expect(suspended?.state).toBe('needs_attention');
    expect(suspended?.stateReasons).toEqual([{ code: 'suspended' }]);
    await reactivateOrganizationCommand(builder, form({ organizationId: org.id }));
    expect((await reload(org.id))?.state).toBe('ready');
  });

  it('delete requires the exact slug; a mismatch deletes nothing', async () => {
    const org = await createTestOrganization();
    const wrong = await deleteOrganizationCommand(builder, form({ organizationId: org.id, confirmSlug: `${org.slug}x` }));
    expect(wrong).toMatchObject({ ok: false, code: 'confirm_mismatch' });
    expect(await reload(org.id)).not.toBeNull();
    const right = await deleteOrganizationCommand(builder, form({ organizationId: org.id, confirmSlug: org.slug }));
    expect(right).toMatchObject({ ok: true });
    expect(await reload(org.id)).toBeNull();
  });

  it('typing another organization’s slug never deletes either organization', async () => {
    const a = await createTestOrganization();
    const b = await createTestOrganization();
    const result = await deleteOrganizationCommand(builder, form({ organizationId: a.id, confirmSlug: b.slug }));
    expect(result).toMatchObject({ ok: false, code: 'confirm_mismatch' });
    expect(await reload(a.id)).not.toBeNull();
    expect(await reload(b.id)).not.toBeNull();
  });
});

describe('every organization action answers not found outside reach, and changes nothing', () => {
  const missingId = '00000000-0000-4000-8000-000000000000';
  const commands = [
    ['rename', renameOrganizationCommand, { name: 'X' }],
    ['change slug', changeOrganizationSlugCommand, { slug: 'free-slug-xyz' }],
    ['suspend', suspendOrganizationCommand, {}],
    ['reactivate', reactivateOrganizationCommand, {}],
    ['delete', deleteOrganizationCommand, { confirmSlug: 'anything' }],
  ] as const;

  it.each(commands)('%s: an unknown or deleted organization is not found', async (_name, command, extra) => {
    const bystander = await createTestOrganization();
    const result = await command(builder, form({ organizationId: missingId, ...extra }));
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    expect(await reload(bystander.id)).toEqual(bystander);
  });

  it.each(commands)('%s: without a builder session the answer is unauthenticated', async (_name, command, extra) => {
    const org = await createTestOrganization();
    const result = await command(null, form({ organizationId: org.id, confirmSlug: org.slug, ...extra }));
    expect(result).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await reload(org.id)).toEqual(org);
  });

  it.each(commands)('%s: a malformed organization id is rejected before any write', async (_name, command, extra) => {
    const result = await command(builder, form({ organizationId: "1' OR '1'='1", ...extra }));
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
