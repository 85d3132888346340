import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { ENDPOINTS, type Endpoint, isCommandEndpoint, pathParameters, scopeOf } from '@/lib/api/endpoints';
import { API_KEY_SCOPES } from '@/lib/api-keys/scopes';
import { db } from '@/lib/db/client';
import { addInvitation, addMember } from '@/lib/demo/records';
import { addDomainCommand } from '@/lib/domains/commands';
import { addGroupMemberCommand, createGroupCommand } from '@/lib/groups/commands';
import { builder, createTestOrganization, uniqueDomain, uniqueEmail, uniqueSlug } from '../factories';
import { api, checkedEndpoints, expectDocumented, newApiKey, routeFiles } from '../support/api';
import { startDnsServer } from '../support/dns-server';

let dns: Awaited<ReturnType<typeof startDnsServer>>;
const previousDns = process.env.DNS_SERVERS;
beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = dns.server;
});
afterAll(async () => {
  await dns.close();
  process.env.DNS_SERVERS = previousDns;
});

/** An organization with an owner, a second member, a pending invitation and a pending domain. */
async function fixture() {
  const ownerEmail = uniqueEmail('owner');
  const memberEmail = uniqueEmail('member');
  const invitedEmail = uniqueEmail('invited');
  let ids = { owner: '', member: '', invitation: '' };
  const organization = await createTestOrganization({
    build: async (tx, id) => {
      const owner = await addMember(tx, id, ownerEmail, { role: 'owner' });
      const member = await addMember(tx, id, memberEmail, { role: 'member' });
      const invitation = await addInvitation(tx, id, invitedEmail, { expiresAt: new Date(Date.now() + 86_400_000) });
      ids = { owner: owner.id, member: member.id, invitation: invitation.id };
    },
  });
  const domain = await addDomainCommand(builder, { organizationId: organization.id, domain: uniqueDomain('fixture') });
  if (!domain.ok) throw new Error(domain.message);
  return { organization, ownerEmail, memberEmail, ...ids, domain: domain.data.id };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

/** A URL of an endpoint for a fixture's records. */
function urlOf(endpoint: Endpoint, f: Fixture): string {
  const values = { id: f.organization.id, membershipId: f.member, invitationId: f.invitation, domainId: f.domain };
  return endpoint.path.replace(/\{(\w+)\}/g, (_m, name: keyof typeof values) => values[name]);
}

/** A valid body for every write, so that only the scope or the reach can refuse it. */
function sampleBody(endpoint: Endpoint): Record<string, unknown> | undefined {
  switch (endpoint.operationId) {
    case 'createOrganization':
      return { name: 'Sample', slug: uniqueSlug('sample') };
    case 'updateOrganization':
      return { name: 'Renamed' };
    case 'addMember':
      return { email: uniqueEmail('added'), role: 'member' };
    case 'changeMemberRole':
      return { role: 'admin' };
    case 'reviewInvitations':
    case 'createInvitations':
      return { addresses: uniqueEmail('invitee') };
    case 'addDomain':
      return { domain: uniqueDomain('sample') };
    default:
      return endpoint.method === 'POST' ? {} : undefined;
  }
}

/** What an organization looks like, to prove a refused call changed nothing. */
async function snapshot(organizationId: string) {
  const client = await db();
  const [organization, memberships, invitations, domains, events] = await Promise.all([
    client.organization.findUnique({ where: { id: organizationId }, select: { name: true, slug: true, status: true, state: true } }),
    client.membership.findMany({ where: { organizationId }, select: { id: true, role: true, status: true }, orderBy: { id: 'asc' } }),
    client.invitation.findMany({ where: { organizationId }, select: { id: true, status: true, sendCount: true }, orderBy: { id: 'asc' } }),
    client.domain.findMany({ where: { organizationId }, select: { id: true, lastCheckedAt: true }, orderBy: { id: 'asc' } }),
    client.auditEvent.count({ where: { organizationId, action: { not: 'command.refused' } } }),
  ]);
  return { organization, memberships, invitations, domains, events };
}

describe('the OpenAPI document and the routes', () => {
  it('every route file binds exactly the methods the endpoint table declares for its path, and nothing else', () => {
    const files = routeFiles().filter((r) => r.pattern !== '/openapi.json');
    const served = new Set<string>();
    for (const { pattern, file } of files) {
      const source = readFileSync(file, 'utf8');
      const bound = [...source.matchAll(/export const (GET|POST|PATCH|DELETE) = apiHandler\('(\w+)', '([^']+)'\);/g)];
      const exported = [...source.matchAll(/export (?:const|async function|function) (\w+)/g)].map((m) => m[1]);
      expect(exported.length, file).toBe(bound.length);
      for (const [, name, method, path] of bound) {
        expect(method, file).toBe(name);
        expect(path, file).toBe(pattern);
        served.add(`${method} ${path}`);
      }
    }
    expect([...served].sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  });

  it('serves a 3.1 document with every endpoint, its scope, parameters and answers, and every reference resolves', async () => {
    const response = await getOpenApi();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; 'x-orgdesk-scope': string; parameters: { name: string; in: string }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    for (const endpoint of ENDPOINTS) {
      const op = doc.paths[endpoint.path]![endpoint.method.toLowerCase()]!;
      expect(op.operationId).toBe(endpoint.operationId);
      expect(op['x-orgdesk-scope']).toBe(scopeOf(endpoint));
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParameters(endpoint.path));
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
    // Bodies come from the commands' schemas, less what the path gives.
    const addMember = doc.paths['/organizations/{id}/members']!.post as unknown as {
      requestBody: { content: Record<string, { schema: { properties: object; required: string[] } }> };
    };
    const body = addMember.requestBody.content['application/json']!.schema;
    expect(Object.keys(body.properties).sort()).toEqual(['email', 'name', 'role']);
    expect(body.required).toEqual(['email']);
  });
});

describe('every endpoint, with a key that holds its scope', () => {
  it('answers what the document says', async () => {
    const f = await fixture();
    const key = (await newApiKey({ scopes: [...API_KEY_SCOPES] })).key;
    const org = `/organizations/${f.organization.id}`;

    expectDocumented(await api(key, 'GET', '/organizations?limit=5'), 'GET', 200);
    const created = expectDocumented(
      await api(key, 'POST', '/organizations', { body: { name: 'Made by API', slug: uniqueSlug('made') } }),
      'POST',
      201,
    );
    expect(created.data).toMatchObject({ name: 'Made by API', state: 'setup', memberCount: 0 });
    expect(expectDocumented(await api(key, 'GET', org), 'GET', 200).data).toMatchObject({ id: f.organization.id, memberCount: 2 });
    const newSlug = uniqueSlug('renamed');
    const updated = expectDocumented(await api(key, 'PATCH', org, { body: { name: 'Renamed Co', slug: newSlug } }), 'PATCH', 200);
    expect(updated.data).toMatchObject({ name: 'Renamed Co', slug: newSlug });

    // Members
    const members = expectDocumented(await api(key, 'GET', `${org}/members`), 'GET', 200);
    expect(members.data.map((m: { email: string }) => m.email).sort()).toEqual([f.memberEmail, f.ownerEmail].sort());
    const addedEmail = uniqueEmail('added');
    const added = expectDocumented(
      await api(key, 'POST', `${org}/members`, { body: { email: addedEmail, role: 'admin', name: 'Ada' } }),
      'POST',
      201,
    );
    expect(added.data).toMatchObject({ email: addedEmail, role: 'admin', name: 'Ada', joinedVia: 'api', status: 'active' });
    const memberUrl = `${org}/members/${f.member}`;
    expect(expectDocumented(await api(key, 'GET', memberUrl), 'GET', 200).data).toMatchObject({ email: f.memberEmail });
    expect(expectDocumented(await api(key, 'PATCH', memberUrl, { body: { role: 'admin' } }), 'PATCH', 200).data.role).toBe('admin');
    expect(expectDocumented(await api(key, 'POST', `${memberUrl}/suspend`), 'POST', 200).data.status).toBe('suspended');
    expect(expectDocumented(await api(key, 'POST', `${memberUrl}/reactivate`), 'POST', 200).data.status).toBe('active');
    const access = expectDocumented(await api(key, 'GET', `${org}/permissions?email=${encodeURIComponent(f.memberEmail)}`), 'GET', 200);
    expect(access.data).toMatchObject({ email: f.memberEmail, role: 'admin', status: 'active', organizationSuspended: false });
    expect(access.data.permissions).toContain('members.manage');

    // Invitations
    expect(expectDocumented(await api(key, 'GET', `${org}/invitations?status=pending`), 'GET', 200).data).toHaveLength(1);
    const review = expectDocumented(
      await api(key, 'POST', `${org}/invitations/review`, {
        body: { addresses: `${f.memberEmail}, not-an-address, new@${uniqueDomain('x')}` },
      }),
      'POST',
      200,
    );
    expect(review.data.rows.map((r: { status: string }) => r.status)).toEqual(['member', 'invalid', 'ready']);
    const invitee = uniqueEmail('invitee');
    const sent = expectDocumented(
      await api(key, 'POST', `${org}/invitations`, { body: { addresses: invitee, confirm: [invitee] } }),
      'POST',
      201,
    );
    expect(sent.data.sent).toEqual([invitee]);
    const invitationUrl = `${org}/invitations/${f.invitation}`;
    expect(expectDocumented(await api(key, 'POST', `${invitationUrl}/resend`), 'POST', 200).data.status).toBe('pending');
    expect(expectDocumented(await api(key, 'POST', `${invitationUrl}/revoke`), 'POST', 200).data.status).toBe('revoked');

    // Domains: the TXT record, published on the test's DNS server, then verified now.
    const domainName = uniqueDomain('api');
    const domain = expectDocumented(await api(key, 'POST', `${org}/domains`, { body: { domain: domainName } }), 'POST', 201);
    expect(domain.data).toMatchObject({ name: domainName, status: 'pending', verificationRecord: { type: 'TXT' } });
    dns.set(domain.data.verificationRecord.name, { txt: [domain.data.verificationRecord.value] });
    const verified = expectDocumented(await api(key, 'POST', `${org}/domains/${domain.data.id}/verify`), 'POST', 200);
    expect(verified.data.status).toBe('verified');
    expect(expectDocumented(await api(key, 'GET', `${org}/domains`), 'GET', 200).data).toHaveLength(2);

    // Roles, the catalog, the audit log
    const roles = expectDocumented(await api(key, 'GET', `${org}/roles`), 'GET', 200);
    expect(roles.data.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['owner', 'admin', 'member']));
    const catalog = expectDocumented(await api(key, 'GET', '/permissions?limit=100'), 'GET', 200);
    expect(catalog.data.map((p: { key: string }) => p.key)).toContain('members.manage');
    const log = expectDocumented(await api(key, 'GET', `/audit-events?organizationId=${f.organization.id}&actor=api_key`), 'GET', 200);
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['organization.renamed', 'member.joined', 'member.role_changed', 'invitation.revoked', 'domain.verified']),
    );
    expect(log.data.every((e: { actor: { kind: string } }) => e.actor.kind === 'api_key')).toBe(true);

    // Activity, suspension, and the removals last.
    expectDocumented(await api(key, 'POST', `${org}/activity`, { body: {} }), 'POST', 201);
    expect(expectDocumented(await api(key, 'POST', `${org}/suspend`), 'POST', 200).data.status).toBe('suspended');
    expect(expectDocumented(await api(key, 'POST', `${org}/reactivate`), 'POST', 200).data.status).toBe('active');
    expectDocumented(await api(key, 'DELETE', memberUrl), 'DELETE', 204);
    expect((await api(key, 'GET', memberUrl)).status).toBe(404);
    expectDocumented(await api(key, 'DELETE', org), 'DELETE', 204);
    expect((await api(key, 'GET', org)).status).toBe(404);
  });
});

describe('scopes and reach, endpoint by endpoint', () => {
  it('a key without an endpoint’s scope is forbidden and changes nothing', async () => {
    const f = await fixture();
    const before = await snapshot(f.organization.id);
    for (const endpoint of ENDPOINTS) {
      const scopes = API_KEY_SCOPES.filter((s) => s !== scopeOf(endpoint));
      const key = (await newApiKey({ scopes })).key;
      const response = await api(key, endpoint.method, urlOf(endpoint, f), { body: sampleBody(endpoint) });
      expect(response.status, `${endpoint.method} ${endpoint.path}: ${JSON.stringify(response.body)}`).toBe(403);
      expect(response.body.error).toBe('forbidden');
    }
    expect(await snapshot(f.organization.id)).toEqual(before);
  });

  it('a key restricted to another organization gets “not found” everywhere and changes nothing', async () => {
    const theirs = await fixture();
    const mine = await createTestOrganization();
    const key = (await newApiKey({ scopes: [...API_KEY_SCOPES], organizationSlug: mine.slug })).key;
    const before = await snapshot(theirs.organization.id);
    for (const endpoint of ENDPOINTS.filter((e) => e.path.includes('{id}'))) {
      const response = await api(key, endpoint.method, urlOf(endpoint, theirs), { body: sampleBody(endpoint) });
      expect(response.status, `${endpoint.method} ${endpoint.path}`).toBe(404);
      expect(response.body.error).toBe('not_found');
    }
    expect(await snapshot(theirs.organization.id)).toEqual(before);
    // Nor can it read the other organization's audit events.
    expect((await api(key, 'GET', `/audit-events?organizationId=${theirs.organization.id}`)).status).toBe(404);
    const own = await api(key, 'GET', '/audit-events');
    expect(own.body.data.every((e: { organizationId: string }) => e.organizationId === mine.id)).toBe(true);
  });

  it('ids of another organization’s records are “not found” inside one’s own', async () => {
    const mine = await fixture();
    const theirs = await fixture();
    const key = (await newApiKey({ scopes: [...API_KEY_SCOPES] })).key;
    const before = await snapshot(theirs.organization.id);
    for (const endpoint of ENDPOINTS.filter((e) => pathParameters(e.path).length > 1)) {
      const url = urlOf(endpoint, { ...theirs, organization: mine.organization });
      const response = await api(key, endpoint.method, url, { body: sampleBody(endpoint) });
      expect(response.status, `${endpoint.method} ${url}`).toBe(404);
    }
    expect(await snapshot(theirs.organization.id)).toEqual(before);
  });
});

describe('the members API', () => {
  it('pages by cursor with no row twice, and refuses a cursor or limit it didn’t give', async () => {
    const f = await fixture();
    const key = (await newApiKey({ scopes: ['members.read'] })).key;
    const client = await db();
    for (let i = 0; i < 5; i++) {
      const user = await client.user.create({ data: { email: uniqueEmail(`p${i}`) } });
      await client.membership.create({ data: { organizationId: f.organization.id, userId: user.id, joinedVia: 'api' } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = expectDocumented(
        await api(key, 'GET', `/organizations/${f.organization.id}/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`),
        'GET',
        200,
      );
      seen.push(...page.data.map((m: { id: string }) => m.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    for (const query of ['cursor=nonsense', 'limit=0', 'limit=101', 'limit=two']) {
      const response = await api(key, 'GET', `/organizations/${f.organization.id}/members?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toBe('bad_request');
    }
  });

  it('adding: bad input gets field errors, an existing member a conflict, and neither changes anything', async () => {
    const f = await fixture();
    const key = (await newApiKey({ scopes: ['members.manage', 'members.read'] })).key;
    const url = `/organizations/${f.organization.id}/members`;
    const before = await snapshot(f.organization.id);
    const bad = await api(key, 'POST', url, { body: { email: 'not an address', role: 'no-such-role' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors)).toContain('email');
    const unknownRole = await api(key, 'POST', url, { body: { email: uniqueEmail('r'), role: 'no-such-role' } });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.body).toMatchObject({ error: 'role_not_allowed', fieldErrors: { role: expect.any(Array) } });
    const again = await api(key, 'POST', url, { body: { email: f.memberEmail } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already_member', fieldErrors: { email: expect.any(Array) } });
    // A key can't hand out a role holding permissions it lacks (owner holds more than members.manage).
    const beyond = await api(key, 'POST', url, { body: { email: uniqueEmail('o'), role: 'owner' } });
    expect(beyond.status).toBe(403);
    expect(await snapshot(f.organization.id)).toEqual(before);
  });

  it('an Idempotency-Key makes a retried add answer the first response, adding once', async () => {
    const f = await fixture();
    const key = (await newApiKey({ scopes: ['members.manage', 'members.read'] })).key;
    const email = uniqueEmail('once');
    const send = () =>
      api(key, 'POST', `/organizations/${f.organization.id}/members`, { body: { email }, headers: { 'idempotency-key': `add-${email}` } });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await (await db()).membership.count({ where: { organizationId: f.organization.id, user: { email } } })).toBe(1);
  });

  it('effective permissions: from groups too; none while suspended or the organization is; a stranger is not found', async () => {
    const f = await fixture();
    const key = (await newApiKey({ scopes: ['members.read', 'members.manage', 'organizations.suspend'] })).key;
    const client = await db();
    const member = await client.membership.findUniqueOrThrow({ where: { id: f.member }, include: { user: true } });
    const url = `/organizations/${f.organization.id}/permissions?userId=${member.userId}`;
    const plain = (await api(key, 'GET', url)).body.data.permissions as string[];
    expect(plain).not.toContain('domains.manage');
    const group = await createGroupCommand(builder, { organizationId: f.organization.id, name: 'IT', roles: ['admin'] });
    if (!group.ok) throw new Error(group.message);
    const joined = await addGroupMemberCommand(builder, {
      organizationId: f.organization.id,
      groupId: group.data.id,
      membershipId: f.member,
    });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    const withGroup = expectDocumented(await api(key, 'GET', url), 'GET', 200);
    expect(withGroup.data.role).toBe('member');
    expect(withGroup.data.permissions).toContain('domains.manage');

    await api(key, 'POST', `/organizations/${f.organization.id}/members/${f.member}/suspend`);
    expect((await api(key, 'GET', url)).body.data).toMatchObject({ status: 'suspended', permissions: [] });
    await api(key, 'POST', `/organizations/${f.organization.id}/members/${f.member}/reactivate`);
    await api(key, 'POST', `/organizations/${f.organization.id}/suspend`);
    expect((await api(key, 'GET', url)).body.data).toMatchObject({ status: 'active', organizationSuspended: true, permissions: [] });

    const stranger = await api(key, 'GET', `/organizations/${f.organization.id}/permissions?email=${uniqueEmail('nobody')}`);
    expect(stranger.status).toBe(404);
    expect((await api(key, 'GET', `/organizations/${f.organization.id}/permissions`)).status).toBe(400);
    expect((await api(key, 'GET', `/organizations/${f.organization.id}/permissions?userId=42`)).status).toBe(400);
  });
});

describe('the organizations API', () => {
  it('an update with nothing to change, a taken slug or a bad name changes nothing; deleting needs no typed confirmation', async () => {
    const f = await fixture();
    const other = await createTestOrganization();
    const key = (await newApiKey({ scopes: ['organizations.manage', 'organizations.read', 'organizations.delete'] })).key;
    const url = `/organizations/${f.organization.id}`;
    const before = await snapshot(f.organization.id);
    const empty = await api(key, 'PATCH', url, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.fieldErrors.name).toEqual(['Send a new name, a new slug, or both.']);
    // A taken slug fails the whole update: the new name isn't kept either.
    const taken = await api(key, 'PATCH', url, { body: { name: 'Half written', slug: other.slug } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('slug_taken');
    expect((await api(key, 'PATCH', url, { body: { name: '' } })).status).toBe(400);
    expect(await snapshot(f.organization.id)).toEqual(before);
  });
});

describe('coverage', () => {
  it('every endpoint’s successful answer was checked against the document', () => {
    const unchecked = ENDPOINTS.map((e) => `${e.method} ${e.path}`).filter((name) => !checkedEndpoints.has(name));
    expect(unchecked).toEqual([]);
    expect(ENDPOINTS.filter(isCommandEndpoint).length).toBeGreaterThan(10);
  });
});
