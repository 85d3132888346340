import { describe, expect, it } from 'vitest';
import { addRoleMappingCommand } from '@/lib/access/commands';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { reviewDeprovisionedUserCommand, revokeDirectoryTokenCommand, rotateDirectoryTokenCommand } from '@/lib/directory/commands';
import { createBatchStats } from '@/lib/directory/sync';
import { builder, createTestOrganization, uniqueDomain, uniqueEmail } from '../factories';
import { directoryWithClient, GROUP_SCHEMA, patchOps, scimClient, scimUser } from '../support/scim';

const membershipOf = async (organizationId: string, email: string) =>
  (await db()).membership.findFirst({ where: { organizationId, user: { email } }, include: { user: true } });

describe('SCIM discovery and authentication', () => {
  it('serves the discovery documents in application/scim+json', async () => {
    const { client } = await directoryWithClient();
    const config = await client.request('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toBe('application/scim+json');
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true } });
    expect((await client.request('GET', '/serviceConfiguration')).body.patch.supported).toBe(true);
    const types = await client.request('GET', '/ResourceTypes');
    expect(types.body.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(['/Users', '/Groups']);
    const schemas = await client.request('GET', '/Schemas');
    expect(schemas.body.Resources.map((r: { id: string }) => r.id)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
    expect(JSON.stringify(schemas.body)).toContain('User Account');
    expect((await client.request('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).body.name).toBe('Group');
    expect((await client.request('GET', '/Nope')).status).toBe(404);
  });

  it('answers 401 with a SCIM body for a missing, wrong, revoked or other directory’s token', async () => {
    const a = await directoryWithClient();
    const b = await directoryWithClient();
    const missing = await a.client.request('GET', '/Users', undefined, { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await a.client.request('GET', '/Users', undefined, { authorization: 'Bearer scim_wrong' })).status).toBe(401);
    // B's token at A's endpoint reaches nothing.
    expect((await scimClient(a.org.id, a.client.directoryId, b.client.token).request('GET', '/Users')).status).toBe(401);

    const created = await a.client.request('POST', '/Users', scimUser(uniqueEmail('auth')));
    expect(created.status).toBe(201);
    const token = (await (await db()).directoryToken.findFirstOrThrow({ where: { directoryId: a.client.directoryId } })).id;
    const revoked = await revokeDirectoryTokenCommand(builder, {
      organizationId: a.org.id,
      directoryId: a.client.directoryId,
      tokenId: token,
    });
    expect(revoked.ok).toBe(true);
    expect((await a.client.request('GET', '/Users')).status).toBe(401);
  });

  it('rotation keeps the old token working through the overlap, and no longer', async () => {
    const { org, client } = await directoryWithClient();
    const rotated = await rotateDirectoryTokenCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      overlapHours: '1',
    });
    if (!rotated.ok) throw new Error(rotated.message);
    const fresh = scimClient(org.id, client.directoryId, rotated.data.token);
    expect((await fresh.request('GET', '/Users')).status).toBe(200);
    expect((await client.request('GET', '/Users')).status).toBe(200);
    const immediate = await rotateDirectoryTokenCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      overlapHours: '0',
    });
    if (!immediate.ok) throw new Error(immediate.message);
    expect((await client.request('GET', '/Users')).status).toBe(401);
    expect((await fresh.request('GET', '/Users')).status).toBe(401);
    expect((await scimClient(org.id, client.directoryId, immediate.data.token).request('GET', '/Users')).status).toBe(200);
    // Bad input changes nothing.
    const bad = await rotateDirectoryTokenCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      overlapHours: '999',
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});

describe('SCIM users', () => {
  it('provisions a member with source directory, drops the password, and reads it back', async () => {
    const { org, client } = await directoryWithClient();
    const email = uniqueEmail('okta');
    const created = await client.request('POST', '/Users', { ...scimUser(email), password: 'Sup3rSecret!' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toContain(`/Users/${created.body.id}`);
    expect(created.body).toMatchObject({ userName: email, active: true, meta: { resourceType: 'User' } });
    expect(JSON.stringify(created.body)).not.toContain('Sup3rSecret');
    const member = await membershipOf(org.id, email);
    expect(member).toMatchObject({ joinedVia: 'directory', role: 'member', status: 'active' });
    expect(member?.user.name).toBe('Test Person');
    const got = await client.request('GET', `/Users/${created.body.id}`);
    expect(got.body.id).toBe(created.body.id);
    const stored = await (await db()).directoryUser.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(stored.data)).not.toContain('Sup3rSecret');
    const org2 = await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(org2.memberCount).toBe(1);
    const events = await (await db()).directoryEvent.findMany({ where: { directoryId: client.directoryId, operation: 'users.create' } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.body)).toContain('[redacted]');
    expect(JSON.stringify(events[0]!.body)).not.toContain('Sup3rSecret');
  });

  it('refuses a duplicate userName case-insensitively with 409 uniqueness, and frees it after DELETE', async () => {
    const { client } = await directoryWithClient();
    const email = uniqueEmail('dup');
    const first = await client.request('POST', '/Users', scimUser(email));
    const again = await client.request('POST', '/Users', scimUser(email.toUpperCase()));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(again.body.detail).toContain('already exists');
    expect((await client.request('DELETE', `/Users/${first.body.id}`)).status).toBe(204);
    expect((await client.request('GET', `/Users/${first.body.id}`)).status).toBe(404);
    const recreated = await client.request('POST', '/Users', scimUser(email));
    expect(recreated.status).toBe(201);
    expect(recreated.body.id).not.toBe(first.body.id);
  });

  it('concurrent identical creates give one user and 409s', async () => {
    const { org, client } = await directoryWithClient();
    const email = uniqueEmail('race');
    const results = await Promise.all(Array.from({ length: 6 }, () => client.request('POST', '/Users', scimUser(email))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await (await db()).directoryUser.count({ where: { directoryId: client.directoryId } })).toBe(1);
    expect(await (await db()).membership.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('refuses a body without userName, bad JSON, a wrong content type and an oversized body, changing nothing', async () => {
    const { client } = await directoryWithClient();
    const missing = await client.request('POST', '/Users', { schemas: [], emails: [{ value: 'a@b.example' }] });
    expect(missing).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(missing.body.detail).toContain('userName');
    const junk = await client.request('POST', '/Users', '{ "acve": tre, ');
    expect(junk).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax', status: '400' } });
    const wrongType = await client.request('POST', '/Users', 'userName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(400);
    const huge = await client.request('POST', '/Users', { ...scimUser(uniqueEmail('big')), title: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const badActive = await client.request('POST', '/Users', scimUser(uniqueEmail('bool'), { active: 'perhaps' }));
    expect(badActive.body.scimType).toBe('invalidValue');
    expect(await (await db()).directoryUser.count({ where: { directoryId: client.directoryId } })).toBe(0);
  });

  it('Okta: a path-less replace of active false suspends the member and ends their sessions; reactivation restores them', async () => {
    const { org, client } = await directoryWithClient('okta');
    const email = uniqueEmail('deact');
    const created = await client.request('POST', '/Users', scimUser(email));
    const member = (await membershipOf(org.id, email))!;
    await (await db()).session.create({
      data: { sessionToken: `s-${member.id}`, userId: member.userId, expires: new Date(Date.now() + 3_600_000) },
    });
    const patched = await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', value: { active: false } }));
    // Okta reads the updated user from the answer.
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expect((await membershipOf(org.id, email))?.status).toBe('suspended');
    expect(await (await db()).session.count({ where: { userId: member.userId } })).toBe(0);
    // A deactivated user is still returned.
    expect((await client.request('GET', `/Users/${created.body.id}`)).body.active).toBe(false);
    const restored = await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect(restored.status).toBe(200);
    expect((await membershipOf(org.id, email))?.status).toBe('active');
    const audit = await (await db()).auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ['member.suspended', 'member.reactivated'] } },
    });
    expect(audit.map((e) => e.actorKind)).toEqual(['directory', 'directory']);
  });

  it('Entra: "False" deactivates, PATCH answers 204, DELETE answers 204 and keeps the membership', async () => {
    const { org, client } = await directoryWithClient('entra');
    const email = uniqueEmail('entra');
    const created = await client.request('POST', '/Users', scimUser(email, { externalId: 'ext-1' }));
    const patched = await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'Replace', path: 'active', value: 'False' }));
    expect(patched.status).toBe(204);
    expect((await client.request('GET', `/Users/${created.body.id}`)).body.active).toBe(false);
    expect((await membershipOf(org.id, email))?.status).toBe('suspended');
    expect((await client.request('DELETE', `/Users/${created.body.id}`)).status).toBe(204);
    expect((await membershipOf(org.id, email))?.status).toBe('suspended');
    expect((await client.request('DELETE', `/Users/${created.body.id}`)).status).toBe(404);
  });

  it('with automatic suspension off, deprovisioned users are flagged for review, and a builder decides', async () => {
    const { org, client } = await directoryWithClient('generic', { suspendOnDeprovision: false });
    const email = uniqueEmail('review');
    const created = await client.request('POST', '/Users', scimUser(email));
    await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'active', value: false }));
    expect((await membershipOf(org.id, email))?.status).toBe('active');
    const flagged = await (await db()).directoryUser.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(flagged.reviewRequired).toBe(true);
    const other = await createTestOrganization();
    const outside = await reviewDeprovisionedUserCommand(builder, {
      organizationId: other.id,
      directoryId: client.directoryId,
      directoryUserId: created.body.id,
      decision: 'suspend',
    });
    expect(outside).toMatchObject({ ok: false, code: 'not_found' });
    expect((await membershipOf(org.id, email))?.status).toBe('active');
    const decided = await reviewDeprovisionedUserCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      directoryUserId: created.body.id,
      decision: 'suspend',
    });
    expect(decided.ok).toBe(true);
    expect((await membershipOf(org.id, email))?.status).toBe('suspended');
    expect((await (await db()).directoryUser.findUniqueOrThrow({ where: { id: created.body.id } })).reviewRequired).toBe(false);
    // Reactivation at the directory restores what the review suspended.
    await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect((await membershipOf(org.id, email))?.status).toBe('active');
  });

  it('an email change updates the same person; PUT keeps id, created and the membership', async () => {
    const { org, client } = await directoryWithClient('okta');
    const email = uniqueEmail('before');
    const created = await client.request('POST', '/Users', scimUser(email, { externalId: 'okta-42' }));
    const member = (await membershipOf(org.id, email))!;
    const next = uniqueEmail('after');
    const put = await client.request('PUT', `/Users/${created.body.id}`, {
      ...scimUser(next),
      id: 'ignored',
      meta: { created: '2001-01-01T00:00:00Z' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: created.body.id, userName: next, meta: { created: created.body.meta.created } });
    const moved = (await membershipOf(org.id, next))!;
    expect(moved.id).toBe(member.id);
    expect(moved.user.id).toBe(member.userId);
    expect(await membershipOf(org.id, email)).toBeNull();
  });

  it('never links to another organization’s member through an unverified domain', async () => {
    const other = await createTestOrganization();
    const domain = uniqueDomain('shared');
    const email = `ana@${domain}`;
    const client0 = await db();
    const user = await client0.user.create({ data: { email } });
    await client0.membership.create({ data: { organizationId: other.id, userId: user.id, role: 'admin', joinedVia: 'invitation' } });
    const { org, client } = await directoryWithClient();
    const created = await client.request('POST', '/Users', scimUser(email, { name: { givenName: 'Evil', familyName: 'Rename' } }));
    expect(created.status).toBe(201);
    const row = await client0.directoryUser.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ membershipId: null, linkIssue: 'unverified_domain' });
    await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'active', value: false }));
    expect(await membershipOf(org.id, email)).toBeNull();
    const untouched = (await membershipOf(other.id, email))!;
    expect(untouched).toMatchObject({ status: 'active', role: 'admin' });
    expect(untouched.user.name).toBeNull();

    // Once the organization verifies the domain, the same person is linked.
    await client0.$transaction((tx) => addDomain(tx, org.id, domain, { status: 'verified' }));
    await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect((await membershipOf(org.id, email))?.joinedVia).toBe('directory');
    expect((await membershipOf(other.id, email))?.status).toBe('active');
  });
});

describe('SCIM creates that arrive together', () => {
  it('a burst shares transactions, and answers each create as a sequence of single creates would', async () => {
    const { org, client } = await directoryWithClient();
    const client0 = await db();
    const domain = uniqueDomain('burst');
    await client0.$transaction((tx) => addDomain(tx, org.id, domain, { status: 'verified' }));
    const lead = await client0.user.create({ data: { email: `lead@${domain}` } });
    const invited = await client0.membership.create({
      data: { organizationId: org.id, userId: lead.id, role: 'admin', joinedVia: 'invitation' },
    });
    const bodies = [
      ...Array.from({ length: 8 }, (_, i) => scimUser(`person-${i}@${domain}`)),
      scimUser(`PERSON-0@${domain}`), // person-0's userName in another case
      scimUser(`lead@${domain}`), // the invited member
      scimUser(`alias@${domain}`, { emails: [{ primary: true, value: `lead@${domain}` }] }), // the lead's email again
      scimUser('no-mail', { emails: [] }),
    ];
    const before = createBatchStats();
    const answers = await Promise.all(bodies.map((body, i) => client.request('POST', '/Users', body, { 'x-request-id': `burst-${i}` })));
    const after = createBatchStats();
    expect(after.items - before.items).toBe(bodies.length);
    expect(after.batches - before.batches).toBeLessThan(bodies.length);

    expect(answers.filter((a) => a.status === 201)).toHaveLength(11);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body).toMatchObject({ scimType: 'uniqueness' });
    expect([answers[0]!.status, answers[8]!.status].sort()).toEqual([201, 409]);

    const users = await client0.directoryUser.findMany({ where: { directoryId: client.directoryId } });
    expect(users).toHaveLength(11);
    const byName = new Map(users.map((u) => [u.userName.toLowerCase(), u]));
    expect(byName.get('no-mail')).toMatchObject({ membershipId: null, linkIssue: 'no_email' });
    const leadAndAlias = [byName.get(`lead@${domain}`)!, byName.get(`alias@${domain}`)!];
    expect(leadAndAlias.map((u) => u.membershipId).sort()).toEqual([invited.id, null].sort());
    expect(leadAndAlias.map((u) => u.linkIssue).sort()).toEqual(['shared_email', null].sort());
    expect(await client0.membership.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({ role: 'admin', status: 'active' });
    const members = await client0.membership.findMany({ where: { organizationId: org.id }, include: { user: true } });
    expect(members).toHaveLength(9);
    expect(
      members
        .filter((m) => m.joinedVia === 'directory')
        .map((m) => m.user.email)
        .sort(),
    ).toEqual(Array.from({ length: 8 }, (_, i) => `person-${i}@${domain}`).sort());
    expect((await client0.organization.findUniqueOrThrow({ where: { id: org.id } })).memberCount).toBe(9);

    // Each create's audit events carry its own request.
    const provisioned = await client0.auditEvent.findMany({ where: { organizationId: org.id, action: 'directory.user_provisioned' } });
    expect(provisioned).toHaveLength(11);
    answers.forEach((answer, i) => {
      if (answer.status !== 201) return;
      expect(provisioned.find((e) => e.targetId === answer.body.id)).toMatchObject({ requestId: `burst-${i}`, actorKind: 'directory' });
    });
    const joined = await client0.auditEvent.findMany({ where: { organizationId: org.id, action: 'member.joined' } });
    expect(joined.map((e) => e.requestId).sort()).toEqual(
      answers.flatMap((a, i) => (i < 9 && a.status === 201 ? [`burst-${i}`] : [])).sort(),
    );
    const logged = await client0.directoryEvent.findMany({ where: { directoryId: client.directoryId, operation: 'users.create' } });
    expect(logged.map((e) => e.status).sort()).toEqual([...Array(11).fill(201), 409]);
  });

  it('a create that fails at the database fails alone: the rest of its burst still lands', async () => {
    const { org, client } = await directoryWithClient();
    const client0 = await db();
    // A real failure inside the batch's transaction: a trigger refuses one userName.
    await client0.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.user_name LIKE 'refuse-me%' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF; RETURN NEW; END $$`);
    await client0.$executeRawUnsafe(
      'CREATE TRIGGER test_refuse_user BEFORE INSERT ON directory_users FOR EACH ROW EXECUTE FUNCTION test_refuse_user()',
    );
    try {
      const domain = uniqueDomain('fails');
      const bodies = [
        scimUser(`first@${domain}`),
        scimUser(`a@${domain}`),
        scimUser(`refuse-me@${domain}`),
        scimUser(`b@${domain}`),
        scimUser(`c@${domain}`),
      ];
      const answers = await Promise.allSettled(bodies.map((body) => client.request('POST', '/Users', body)));
      expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.status : 'failed'))).toEqual([201, 201, 'failed', 201, 201]);
      const users = await client0.directoryUser.findMany({ where: { directoryId: client.directoryId }, select: { userName: true } });
      expect(users.map((u) => u.userName).sort()).toEqual([`a@${domain}`, `b@${domain}`, `c@${domain}`, `first@${domain}`]);
      expect(await client0.membership.count({ where: { organizationId: org.id } })).toBe(4);
      expect(await client0.user.count({ where: { email: `refuse-me@${domain}` } })).toBe(0);
    } finally {
      await client0.$executeRawUnsafe('DROP TRIGGER test_refuse_user ON directory_users');
      await client0.$executeRawUnsafe('DROP FUNCTION test_refuse_user()');
    }
  });

  it('refuses a userName longer than the database holds with 400 invalidValue, changing nothing', async () => {
    const { client } = await directoryWithClient();
    const long = `${'x'.repeat(520)}@example.com`;
    const created = await client.request('POST', '/Users', scimUser(long));
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ scimType: 'invalidValue', detail: '"userName" is at most 512 characters.' });
    expect(await (await db()).directoryUser.count({ where: { directoryId: client.directoryId } })).toBe(0);
  });
});

describe('SCIM filters and lists', () => {
  it('filters with the grammar as SQL, case-insensitively, with literal wildcards, paginated', async () => {
    const { client } = await directoryWithClient();
    const domain = uniqueDomain('filter');
    const made: string[] = [];
    for (const [name, title] of [
      ['Alice', 'Engineer'],
      ['Bob', '100% remote'],
      ['Carol', '100 remote'],
      ['Dave', 'Manager'],
    ] as const) {
      const response = await client.request('POST', '/Users', {
        ...scimUser(`${name.toLowerCase()}@${domain}`),
        title,
        emails: [
          { type: 'work', value: `${name.toLowerCase()}@${domain}`, primary: true },
          { type: 'home', value: `${name.toLowerCase()}@home.example` },
        ],
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: name === 'Dave' ? 'Sales' : 'R&D' },
      });
      made.push(response.body.id);
    }
    const list = async (query: string) => (await client.request('GET', `/Users?${query}`)).body;
    expect((await list(`filter=${encodeURIComponent(`userName eq "ALICE@${domain.toUpperCase()}"`)}`)).totalResults).toBe(1);
    expect((await list(`filter=${encodeURIComponent('title co "100%"')}`)).Resources.map((r: { title: string }) => r.title)).toEqual([
      '100% remote',
    ]);
    expect((await list(`filter=${encodeURIComponent('title co "_"')}`)).totalResults).toBe(0);
    expect((await list(`filter=${encodeURIComponent(`emails[type eq "work"].value eq "bob@${domain}"`)}`)).totalResults).toBe(1);
    expect((await list(`filter=${encodeURIComponent('emails[type eq "home" and value ew "home.example"]')}`)).totalResults).toBe(4);
    expect((await list(`filter=${encodeURIComponent('not (title sw "100") and title pr')}`)).totalResults).toBe(2);
    expect(
      (await list(`filter=${encodeURIComponent('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "sales"')}`))
        .totalResults,
    ).toBe(1);
    expect((await list(`filter=${encodeURIComponent('meta.created gt "2015-10-10T14:38:21Z"')}`)).totalResults).toBe(4);
    expect(
      (await list(`filter=${encodeURIComponent('active eq true and (title eq "Manager" or title eq "Engineer")')}`)).totalResults,
    ).toBe(2);
    const none = await list(`filter=${encodeURIComponent('userName eq "nobody"')}`);
    expect(none).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 });
    const page = await list('startIndex=2&count=2');
    expect(page).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((r: { id: string }) => r.id)).toEqual(made.slice(1, 3));
    expect((await list('startIndex=10&count=2')).totalResults).toBe(4);
    const projected = await list('attributes=userName,emails[type eq "work"]&count=1');
    expect(Object.keys(projected.Resources[0]).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
    const excluded = await list('excludedAttributes=emails,name&count=1');
    expect(excluded.Resources[0].emails).toBeUndefined();
    expect(excluded.Resources[0].userName).toBeDefined();
    const bad = await client.request('GET', `/Users?filter=${encodeURIComponent('favoriteColor eq "blue"')}`);
    expect(bad).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect((await client.request('GET', '/Users?count=abc')).status).toBe(400);
  });

  it('a filter never reaches another directory', async () => {
    const a = await directoryWithClient();
    const b = await directoryWithClient();
    const email = uniqueEmail('only-b');
    const inB = await b.client.request('POST', '/Users', scimUser(email));
    expect((await a.client.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`)).body.totalResults).toBe(0);
    expect((await a.client.request('GET', '/Users')).body.totalResults).toBe(0);
    expect((await a.client.request('GET', `/Users/${inB.body.id}`)).status).toBe(404);
  });
});

describe('SCIM groups and role mappings', () => {
  it('group membership maps roles at once; only listed members are removed; displayName is unique', async () => {
    const { org, client } = await directoryWithClient('entra');
    const mapped = await addRoleMappingCommand(builder, { organizationId: org.id, group: 'Org Admins', role: 'admin' });
    expect(mapped.ok).toBe(true);
    const ana = uniqueEmail('ana');
    const ben = uniqueEmail('ben');
    const u1 = (await client.request('POST', '/Users', scimUser(ana))).body.id;
    const u2 = (await client.request('POST', '/Users', scimUser(ben))).body.id;
    const group = await client.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      displayName: 'Org Admins',
      externalId: 'grp-1',
      members: [{ value: u1 }, { value: u2 }],
    });
    expect(group.status).toBe(201);
    expect(group.body.members.map((m: { value: string }) => m.value).sort()).toEqual([u1, u2].sort());
    expect((await membershipOf(org.id, ana))?.role).toBe('admin');
    expect((await membershipOf(org.id, ben))?.role).toBe('admin');

    const dup = await client.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'org admins' });
    expect(dup).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });

    // Only the listed member goes, and their role follows at once.
    const removed = await client.request(
      'PATCH',
      `/Groups/${group.body.id}`,
      patchOps({ op: 'remove', path: 'members', value: [{ value: u2 }] }),
    );
    expect(removed.status).toBe(204);
    expect((await membershipOf(org.id, ben))?.role).toBe('member');
    expect((await membershipOf(org.id, ana))?.role).toBe('admin');
    await client.request('PATCH', `/Groups/${group.body.id}`, patchOps({ op: 'remove', path: `members[value eq "${u1}"]` }));
    expect((await membershipOf(org.id, ana))?.role).toBe('member');
    const noTarget = await client.request('PATCH', `/Groups/${group.body.id}`, patchOps({ op: 'remove' }));
    expect(noTarget).toMatchObject({ status: 400, body: { scimType: 'noTarget' } });
    // All or nothing: a bad second operation leaves the first unapplied.
    const partial = await client.request(
      'PATCH',
      `/Groups/${group.body.id}`,
      patchOps({ op: 'add', path: 'members', value: [{ value: u1 }] }, { op: 'replace', path: 'nope', value: 'x' }),
    );
    expect(partial.status).toBe(400);
    expect((await client.request('GET', `/Groups/${group.body.id}`)).body.members ?? []).toEqual([]);

    const withoutMembers = await client.request('GET', `/Groups/${group.body.id}?excludedAttributes=members`);
    expect(withoutMembers.body.members).toBeUndefined();
    expect(withoutMembers.body.displayName).toBe('Org Admins');
    const audits = await (await db()).auditEvent.findMany({ where: { organizationId: org.id, action: 'member.role_changed' } });
    expect(audits.length).toBe(4);
    expect((await client.request('DELETE', `/Groups/${group.body.id}`)).status).toBe(204);
    expect((await client.request('GET', `/Groups/${group.body.id}`)).status).toBe(404);
  });

  it('Okta: PUT and POST members are honored, and a PUT without members keeps them', async () => {
    const { client } = await directoryWithClient('okta');
    const u1 = (await client.request('POST', '/Users', scimUser(uniqueEmail('m1')))).body.id;
    const u2 = (await client.request('POST', '/Users', scimUser(uniqueEmail('m2')))).body.id;
    const group = await client.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineering',
      members: [{ value: u1 }],
    });
    const put = await client.request('PUT', `/Groups/${group.body.id}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Eng',
      members: [{ value: u2 }],
    });
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([u2]);
    const renamed = await client.request('PUT', `/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Engineering' });
    expect(renamed.body).toMatchObject({ displayName: 'Engineering' });
    expect(renamed.body.members.map((m: { value: string }) => m.value)).toEqual([u2]);
  });

  it('isolation: directory A’s token can read or change nothing of directory B', async () => {
    const a = await directoryWithClient();
    const b = await directoryWithClient();
    const email = uniqueEmail('iso');
    const user = (await b.client.request('POST', '/Users', scimUser(email))).body.id;
    const group = (
      await b.client.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'B team', members: [{ value: user }] })
    ).body.id;
    for (const [method, path, body] of [
      ['GET', `/Users/${user}`, undefined],
      ['PUT', `/Users/${user}`, scimUser(email, { active: false })],
      ['PATCH', `/Users/${user}`, patchOps({ op: 'replace', path: 'active', value: false })],
      ['DELETE', `/Users/${user}`, undefined],
      ['GET', `/Groups/${group}`, undefined],
      ['PATCH', `/Groups/${group}`, patchOps({ op: 'remove', path: 'members' })],
      ['PUT', `/Groups/${group}`, { schemas: [GROUP_SCHEMA], displayName: 'hijacked' }],
      ['DELETE', `/Groups/${group}`, undefined],
    ] as const) {
      const response = await a.client.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.status).toBe('404');
    }
    // A's group can't take B's user as a member either.
    const taken = await a.client.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'A team', members: [{ value: user }] });
    expect(taken.body.members ?? []).toEqual([]);
    expect((await membershipOf(b.org.id, email))?.status).toBe('active');
    const groupRow = await (await db()).directoryGroup.findUniqueOrThrow({ where: { id: group }, include: { members: true } });
    expect(groupRow).toMatchObject({ displayName: 'B team' });
    expect(groupRow.members).toHaveLength(1);
  });
});
