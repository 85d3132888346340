import { describe, expect, it } from 'vitest';
import { POST as reportActivity } from '@/app/api/v1/organizations/[id]/activity/route';
import { GET as getOrganization } from '@/app/api/v1/organizations/[id]/route';
import { POST as createOrganization, GET as listOrganizations } from '@/app/api/v1/organizations/route';
import { createApiKeyCommand, revokeApiKeyCommand } from '@/lib/api-keys/commands';
import { db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import { RATE_LIMITS } from '@/lib/rate-limit';
import { builder, createTestOrganization, uniqueEmail, uniqueSlug } from '../factories';

const BASE = 'http://localhost:3000/api/v1';

async function newKey(fields: Record<string, unknown> = {}) {
  const created = await createApiKeyCommand(builder, { name: 'App', scopes: ['organizations.create', 'activity.report'], ...fields });
  if (!created.ok) throw new Error(`${created.message} ${JSON.stringify(created.fieldErrors)}`);
  return created.data;
}

function call(key: string | null, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      'x-forwarded-for': '198.51.100.7',
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe('API keys', () => {
  it('are shown once and stored as a hash, with a visible prefix; the console records their last use', async () => {
    const key = await newKey();
    expect(key.key).toMatch(/^odk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.key.slice(0, 12));
    const client = await db();
    const row = await client.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(JSON.stringify(row)).not.toContain(key.key.slice(12));
    expect(row.lastUsedAt).toBeNull();
    const response = await listOrganizations(call(key.key, '/organizations'));
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
    const key = await newKey({ expiresInDays: '1' });
    expect((await listOrganizations(call(key.key, '/organizations'))).status).toBe(200);
    expect(await revokeApiKeyCommand(builder, { keyId: key.id })).toMatchObject({ ok: true, data: { revoked: true } });
    const revoked = await listOrganizations(call(key.key, '/organizations', { headers: { 'x-request-id': 'req-123' } }));
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('x-request-id')).toBe('req-123');
    expect(revoked.headers.get('www-authenticate')).toContain('Bearer');
    expect(await revoked.json()).toMatchObject({ error: 'unauthenticated', message: expect.stringContaining('API keys page') });
    expect((await listOrganizations(call(null, '/organizations'))).status).toBe(401);
    expect((await listOrganizations(call('odk_nonsense', '/organizations'))).status).toBe(401);

    const expiring = await newKey({ expiresInDays: '1' });
    await (await db()).apiKey.update({
      where: { id: expiring.id },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await listOrganizations(call(expiring.key, '/organizations'))).status).toBe(401);
  });
});

describe('the organizations API', () => {
  it('creates an organization as the key, audited as the key, and reads it back', async () => {
    const key = await newKey();
    const slug = uniqueSlug('api');
    const response = await createOrganization(call(key.key, '/organizations', { method: 'POST', body: { name: 'Api Co', slug } }));
    expect(response.status).toBe(201);
    expect(response.headers.get('ratelimit-limit')).toBe(String(RATE_LIMITS.apiPerKey.limit));
    expect(Number(response.headers.get('ratelimit-remaining'))).toBeLessThan(RATE_LIMITS.apiPerKey.limit);
    const { data } = (await response.json()) as { data: { id: string; slug: string; state: string } };
    expect(data).toMatchObject({ slug, state: 'setup', name: 'Api Co' });
    const event = await (await db()).auditEvent.findFirstOrThrow({ where: { organizationId: data.id, action: 'organization.created' } });
    expect(event).toMatchObject({ actorKind: 'api_key', actorId: key.id });
    const read = await getOrganization(call(key.key, `/organizations/${data.id}`), params(data.id));
    expect(await read.json()).toMatchObject({ data: { id: data.id, slug, stateReasons: expect.any(Array) } });
  });

  it('bad input answers 400 with field errors and creates nothing; a bad body says what to send', async () => {
    const key = await newKey();
    const response = await createOrganization(call(key.key, '/organizations', { method: 'POST', body: { name: '', slug: 'Not A Slug' } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.error).toBe('invalid_input');
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['name', 'slug']);
    const malformed = await createOrganization(call(key.key, '/organizations', { method: 'POST', body: '{"name":' }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request', message: 'The body is not valid JSON.' });
  });

  it('a key without the scope is forbidden, and changes nothing', async () => {
    const key = await newKey({ scopes: ['activity.report'] });
    const slug = uniqueSlug('noscope');
    const response = await createOrganization(call(key.key, '/organizations', { method: 'POST', body: { name: 'Nope', slug } }));
    expect(response.status).toBe(403);
    expect(await (await db()).organization.count({ where: { slug } })).toBe(0);
  });

  it('honors an Idempotency-Key: the same request replays its answer, another request with it is refused', async () => {
    const key = await newKey();
    const slug = uniqueSlug('idem');
    const send = (body: unknown) =>
      createOrganization(call(key.key, '/organizations', { method: 'POST', body, headers: { 'idempotency-key': `create-${slug}` } }));
    const first = await send({ name: 'Idem', slug });
    expect(first.status).toBe(201);
    const again = await send({ name: 'Idem', slug });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await (await db()).organization.count({ where: { slug } })).toBe(1);
    const other = await send({ name: 'Other', slug: `${slug}-x` });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: 'idempotency_mismatch' });
    expect(await (await db()).organization.count({ where: { slug: `${slug}-x` } })).toBe(0);
  });

  it('a key restricted to one organization reaches only it: another is not found', async () => {
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization();
    const key = await newKey({ organizationSlug: mine.slug, scopes: ['activity.report', 'organizations.create'] });
    const list = await listOrganizations(call(key.key, '/organizations'));
    expect(((await list.json()) as { data: { id: string }[] }).data.map((o) => o.id)).toEqual([mine.id]);
    expect((await getOrganization(call(key.key, `/organizations/${theirs.id}`), params(theirs.id))).status).toBe(404);
    const activity = await reportActivity(
      call(key.key, `/organizations/${theirs.id}/activity`, { method: 'POST', body: { email: 'eve@theirs.example' } }),
      params(theirs.id),
    );
    expect(activity.status).toBe(404);
    expect(await (await db()).endUserActivity.count({ where: { organizationId: theirs.id } })).toBe(0);
    // A restricted key can't create organizations, whatever its scopes say.
    const created = await createOrganization(
      call(key.key, '/organizations', { method: 'POST', body: { name: 'X', slug: uniqueSlug('x') } }),
    );
    expect(created.status).toBe(403);
  });

  it('lists with a cursor and a search', async () => {
    const key = await newKey();
    const tag = uniqueSlug('zq');
    for (const n of [1, 2]) await createTestOrganization({ name: `${tag} ${n}`, slug: `${tag}-${n}` });
    const response = await listOrganizations(call(key.key, `/organizations?q=${tag}`));
    const body = (await response.json()) as { data: { slug: string }[]; nextCursor: string | null };
    expect(body.data.map((o) => o.slug).sort()).toEqual([`${tag}-1`, `${tag}-2`]);
  });
});

describe('reporting end-user activity', () => {
  it('makes a Ready organization Active, attributed to the key', async () => {
    const key = await newKey();
    const org = await createTestOrganization({
      build: (tx, id) => addMember(tx, id, uniqueEmail('owner'), { role: 'owner', joinedVia: 'invitation' }),
    });
    expect(org.state).toBe('ready');
    const response = await reportActivity(
      call(key.key, `/organizations/${org.id}/activity`, { method: 'POST', body: { email: 'end-user@customer.example' } }),
      params(org.id),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ data: { state: 'active' } });
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
    const key = await newKey();
    const org = await createTestOrganization();
    for (const body of [
      { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      { email: 'not an address' },
      { occurredAt: 'yesterday' },
    ]) {
      const response = await reportActivity(call(key.key, `/organizations/${org.id}/activity`, { method: 'POST', body }), params(org.id));
      expect(response.status).toBe(400);
    }
    expect(await (await db()).endUserActivity.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
