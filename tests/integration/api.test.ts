import { describe, expect, it } from 'vitest';
import { createApiKeyCommand, revokeApiKeyCommand } from '@/lib/api-keys/commands';
import { db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import { RATE_LIMITS } from '@/lib/rate-limit';
import { builder, createTestOrganization, uniqueEmail, uniqueSlug } from '../factories';
import { api, newApiKey } from '../support/api';

describe('API keys', () => {
  it('are shown once and stored as a hash, with a visible prefix; the console records their last use', async () => {
    const key = await newApiKey();
    expect(key.key).toMatch(/^odk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.key.slice(0, 12));
    const client = await db();
    const row = await client.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(JSON.stringify(row)).not.toContain(key.key.slice(12));
    expect(row.lastUsedAt).toBeNull();
    const response = await api(key.key, 'GET', '/organizations');
    expect(response.status).toBe(200);
    expect(await client.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      lastUsedAt: expect.any(Date),
      lastUsedIp: '198.51.100.7',
    });
  });

  it('refuse bad input with field errors, and scopes the builder doesn’t hold', async () => {
    for (const [fields, field] of [
      [{ name: '' }, 'name'],
      [{ scopes: [] }, 'scopes'],
      [{ scopes: ['console.manage'] }, 'scopes'],
      [{ organizationSlug: 'no-such-organization-here' }, 'organizationSlug'],
      [{ expiresInDays: '400' }, 'expiresInDays'],
    ] as const) {
      const result = await createApiKeyCommand(builder, { ...{ name: 'App', scopes: ['activity.report'] }, ...(fields as object) });
      expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
      if (!result.ok) expect(result.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    }
    const viewer = { ...builder, role: 'viewer' as const };
    expect(await createApiKeyCommand(viewer, { name: 'App', scopes: ['activity.report'] })).toMatchObject({ code: 'forbidden' });
    const admin = { ...builder, role: 'admin' as const };
    expect(await createApiKeyCommand(admin, { name: 'App', scopes: ['api_keys.manage'] })).toMatchObject({ code: 'invalid_input' });
  });

  it('a revoked, expired or unknown key is unauthorized, with the request id and a way forward', async () => {
    const key = await newApiKey({ expiresInDays: '1' });
    expect((await api(key.key, 'GET', '/organizations')).status).toBe(200);
    expect(await revokeApiKeyCommand(builder, { keyId: key.id })).toMatchObject({ ok: true, data: { revoked: true } });
    const revoked = await api(key.key, 'GET', '/organizations', { headers: { 'x-request-id': 'req-123' } });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('x-request-id')).toBe('req-123');
    expect(revoked.headers.get('www-authenticate')).toContain('Bearer');
    expect(revoked.body).toMatchObject({ error: 'unauthenticated', message: expect.stringContaining('API keys page') });
    expect((await api(null, 'GET', '/organizations')).status).toBe(401);
    expect((await api('odk_nonsense', 'GET', '/organizations')).status).toBe(401);

    const expiring = await newApiKey({ expiresInDays: '1' });
    await (await db()).apiKey.update({
      where: { id: expiring.id },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await api(expiring.key, 'GET', '/organizations')).status).toBe(401);
  });
});

describe('the organizations API', () => {
  it('creates an organization as the key, audited as the key, and reads it back', async () => {
    const key = await newApiKey();
    const slug = uniqueSlug('api');
    const response = await api(key.key, 'POST', '/organizations', { body: { name: 'Api Co', slug } });
    expect(response.status).toBe(201);
    expect(response.headers.get('ratelimit-limit')).toBe(String(RATE_LIMITS.apiPerKey.limit));
    expect(Number(response.headers.get('ratelimit-remaining'))).toBeLessThan(RATE_LIMITS.apiPerKey.limit);
    const { data } = response.body as { data: { id: string; slug: string; state: string } };
    expect(data).toMatchObject({ slug, state: 'setup', name: 'Api Co' });
    const event = await (await db()).auditEvent.findFirstOrThrow({ where: { organizationId: data.id, action: 'organization.created' } });
    expect(event).toMatchObject({ actorKind: 'api_key', actorId: key.id });
    const read = await api(key.key, 'GET', `/organizations/${data.id}`);
    expect(read.body).toMatchObject({ data: { id: data.id, slug, stateReasons: expect.any(Array) } });
  });

  it('bad input answers 400 with field errors and creates nothing; a bad body says what to send', async () => {
    const key = await newApiKey();
    const response = await api(key.key, 'POST', '/organizations', { body: { name: '', slug: 'Not A Slug' } });
    expect(response.status).toBe(400);
    const body = response.body as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.error).toBe('invalid_input');
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['name', 'slug']);
    const malformed = await api(key.key, 'POST', '/organizations', { body: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'bad_request', message: 'The body is not valid JSON.' });
  });

  it('a key without the scope is forbidden, and changes nothing', async () => {
    const key = await newApiKey({ scopes: ['activity.report'] });
    const slug = uniqueSlug('noscope');
    const response = await api(key.key, 'POST', '/organizations', { body: { name: 'Nope', slug } });
    expect(response.status).toBe(403);
    expect(await (await db()).organization.count({ where: { slug } })).toBe(0);
  });

  it('honors an Idempotency-Key: the same request replays its answer, another request with it is refused', async () => {
    const key = await newApiKey();
    const slug = uniqueSlug('idem');
    const send = (body: unknown) => api(key.key, 'POST', '/organizations', { body, headers: { 'idempotency-key': `create-${slug}` } });
    const first = await send({ name: 'Idem', slug });
    expect(first.status).toBe(201);
    const again = await send({ name: 'Idem', slug });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await (await db()).organization.count({ where: { slug } })).toBe(1);
    const other = await send({ name: 'Other', slug: `${slug}-x` });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'idempotency_mismatch' });
    expect(await (await db()).organization.count({ where: { slug: `${slug}-x` } })).toBe(0);
  });

  it('a key restricted to one organization reaches only it: another is not found', async () => {
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization();
    const key = await newApiKey({ organizationSlug: mine.slug, scopes: ['activity.report', 'organizations.create', 'organizations.read'] });
    const list = await api(key.key, 'GET', '/organizations');
    expect((list.body as { data: { id: string }[] }).data.map((o) => o.id)).toEqual([mine.id]);
    expect((await api(key.key, 'GET', `/organizations/${theirs.id}`)).status).toBe(404);
    const activity = await api(key.key, 'POST', `/organizations/${theirs.id}/activity`, { body: { email: 'eve@theirs.example' } });
    expect(activity.status).toBe(404);
    expect(await (await db()).endUserActivity.count({ where: { organizationId: theirs.id } })).toBe(0);
    // A restricted key can't create organizations, whatever its scopes say.
    const created = await api(key.key, 'POST', '/organizations', { body: { name: 'X', slug: uniqueSlug('x') } });
    expect(created.status).toBe(403);
  });

  it('lists with a cursor and a search', async () => {
    const key = await newApiKey();
    const tag = uniqueSlug('zq');
    for (const n of [1, 2]) await createTestOrganization({ name: `${tag} ${n}`, slug: `${tag}-${n}` });
    const response = await api(key.key, 'GET', `/organizations?q=${tag}`);
    const body = response.body as { data: { slug: string }[]; nextCursor: string | null };
    expect(body.data.map((o) => o.slug).sort()).toEqual([`${tag}-1`, `${tag}-2`]);
  });
});

describe('reporting end-user activity', () => {
  it('makes a Ready organization Active, attributed to the key', async () => {
    const key = await newApiKey();
    const org = await createTestOrganization({
      build: (tx, id) => addMember(tx, id, uniqueEmail('owner'), { role: 'owner', joinedVia: 'invitation' }),
    });
    expect(org.state).toBe('ready');
    const response = await api(key.key, 'POST', `/organizations/${org.id}/activity`, { body: { email: 'end-user@customer.example' } });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ data: { state: 'active' } });
    const client = await db();
    expect(await client.endUserActivity.count({ where: { organizationId: org.id, kind: 'api_event' } })).toBe(1);
    // The change to Active is the key's (the scheduler's catch-up may record other changes beside it).
    const changes = await client.auditEvent.findMany({
      where: { organizationId: org.id, action: 'organization.state_changed', actorKind: 'api_key', actorId: key.id },
    });
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes[0]!.summary)).toContain('active');
  });

  it('refuses a time in the future or a bad address, recording nothing', async () => {
    const key = await newApiKey();
    const org = await createTestOrganization();
    for (const body of [
      { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      { email: 'not an address' },
      { occurredAt: 'yesterday' },
    ]) {
      const response = await api(key.key, 'POST', `/organizations/${org.id}/activity`, { body });
      expect(response.status).toBe(400);
    }
    expect(await (await db()).endUserActivity.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
