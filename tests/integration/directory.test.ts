import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { previewRoleMappingsCommand, saveRoleMappingsCommand } from '@/lib/access/commands';
import { db } from '@/lib/db/client';
import {
  createDirectoryCommand,
  deleteDirectoryCommand,
  revokeDirectoryTokenCommand,
  rotateDirectoryTokenCommand,
  setOrganizationCreationCommand,
  updateDirectoryCommand,
} from '@/lib/directory/commands';
import { FAILING_REQUESTS, listDirectoryEvents } from '@/lib/directory/events';
import { directoryOverview } from '@/lib/directory/queries';
import { catchUpOrganizationStates } from '@/lib/organizations/recompute';
import { RATE_LIMITS } from '@/lib/rate-limit';
import { createSsoConnectionCommand } from '@/lib/sso/commands';
import { builder, createTestOrganization, memberOf, uniqueEmail } from '../factories';
import { directoryWithClient, patchOps, scimUser } from '../support/scim';

const organization = async (id: string) => (await db()).organization.findUniqueOrThrow({ where: { id } });
const HOUR = 3_600_000;

describe('directories in the console', () => {
  it('one directory per organization; bad settings are refused with field errors and change nothing', async () => {
    const { org, client } = await directoryWithClient('entra');
    expect(await createDirectoryCommand(builder, { organizationId: org.id, name: 'Second', provider: 'okta' })).toMatchObject({
      ok: false,
      code: 'directory_exists',
    });
    const bad = await updateDirectoryCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      name: '',
      provider: 'nope',
      staleAfterHours: '9999',
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['name', 'provider', 'staleAfterHours']);
    const row = await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } });
    expect(row).toMatchObject({ name: 'Test directory', provider: 'entra', staleAfterHours: 72 });
  });

  it('links the intended SSO connection of the same organization only; deleting the connection unlinks it', async () => {
    const { org, client } = await directoryWithClient('okta');
    const other = await createTestOrganization();
    const foreign = await createSsoConnectionCommand(builder, {
      organizationId: other.id,
      name: 'Other IdP',
      provider: 'okta',
      protocol: 'saml',
    });
    const own = await createSsoConnectionCommand(builder, { organizationId: org.id, name: 'Okta', provider: 'okta', protocol: 'saml' });
    if (!foreign.ok || !own.ok) throw new Error('connections');
    const settings = {
      organizationId: org.id,
      directoryId: client.directoryId,
      name: 'Okta users',
      provider: 'okta',
      staleAfterHours: '24',
    };
    const refused = await updateDirectoryCommand(builder, { ...settings, ssoConnectionId: foreign.data.id, suspendOnDeprovision: 'on' });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { ssoConnectionId: [expect.stringContaining('this organization')] } });
    const saved = await updateDirectoryCommand(builder, { ...settings, ssoConnectionId: own.data.id, suspendOnDeprovision: 'on' });
    expect(saved.ok).toBe(true);
    const row = await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } });
    expect(row).toMatchObject({ name: 'Okta users', ssoConnectionId: own.data.id, staleAfterHours: 24, suspendOnDeprovision: true });
    const audit = await (await db()).auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'directory.settings_changed' },
    });
    expect(audit.summary).toMatchObject({ name: { before: 'Test directory', after: 'Okta users' } });
  });

  it('another organization’s caller gets "not found" for every directory command, and nothing changes', async () => {
    const { org, client } = await directoryWithClient('okta');
    const other = await createTestOrganization();
    const token = await (await db()).directoryToken.findFirstOrThrow({ where: { directoryId: client.directoryId } });
    const foreignMember = await memberOf(other.id, 'owner');
    const calls = [
      () => rotateDirectoryTokenCommand(builder, { organizationId: other.id, directoryId: client.directoryId, overlapHours: '0' }),
      () => revokeDirectoryTokenCommand(builder, { organizationId: other.id, directoryId: client.directoryId, tokenId: token.id }),
      () =>
        updateDirectoryCommand(builder, {
          organizationId: other.id,
          directoryId: client.directoryId,
          name: 'Hijacked',
          provider: 'generic',
          staleAfterHours: '1',
        }),
      () => deleteDirectoryCommand(builder, { organizationId: other.id, directoryId: client.directoryId, confirmName: 'Test directory' }),
      // A member of the other organization naming this one.
      () => rotateDirectoryTokenCommand(foreignMember, { organizationId: org.id, directoryId: client.directoryId, overlapHours: '0' }),
      () =>
        deleteDirectoryCommand(foreignMember, { organizationId: org.id, directoryId: client.directoryId, confirmName: 'Test directory' }),
    ];
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: 'not_found' });
    expect((await client.request('GET', '/Users')).status).toBe(200);
    const row = await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId }, include: { tokens: true } });
    expect(row.name).toBe('Test directory');
    expect(row.tokens.every((t) => t.revokedAt === null && t.expiresAt === null)).toBe(true);
  });

  it('deleting asks for the name, then keeps the members it provisioned', async () => {
    const { org, client } = await directoryWithClient();
    const email = uniqueEmail('stays');
    await client.request('POST', '/Users', scimUser(email));
    const wrong = await deleteDirectoryCommand(builder, { organizationId: org.id, directoryId: client.directoryId, confirmName: 'nope' });
    expect(wrong).toMatchObject({
      ok: false,
      code: 'confirm_mismatch',
      fieldErrors: { confirmName: [expect.stringContaining('Test directory')] },
    });
    const deleted = await deleteDirectoryCommand(builder, {
      organizationId: org.id,
      directoryId: client.directoryId,
      confirmName: 'Test directory',
    });
    expect(deleted.ok).toBe(true);
    expect((await client.request('GET', '/Users')).status).toBe(401);
    expect(await (await db()).membership.count({ where: { organizationId: org.id, user: { email } } })).toBe(1);
  });
});

describe('directory health', () => {
  it('answers 429 with Retry-After once the directory spends its allowance, counting only its own token', async () => {
    const { client } = await directoryWithClient();
    const key = `scim:${client.directoryId}`;
    await (await db()).rateLimit.upsert({
      where: { key },
      create: { key, count: RATE_LIMITS.scimPerDirectory.limit, resetAt: new Date(Date.now() + 30_000) },
      update: { count: RATE_LIMITS.scimPerDirectory.limit, resetAt: new Date(Date.now() + 30_000) },
    });
    // A wrong token is refused before it spends anything.
    expect((await client.request('GET', '/Users', undefined, { authorization: 'Bearer scim_bogus' })).status).toBe(401);
    expect((await (await db()).rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(RATE_LIMITS.scimPerDirectory.limit);
    const limited = await client.request('POST', '/Users', scimUser(uniqueEmail('limited')));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: '429', detail: expect.stringContaining('Retry after') });
    expect(await (await db()).directoryUser.count({ where: { directoryId: client.directoryId } })).toBe(0);
  });

  it('counts a burst in arrival order: what is left of the allowance is spent, the rest get 429', async () => {
    const { client } = await directoryWithClient();
    const key = `scim:${client.directoryId}`;
    const { limit } = RATE_LIMITS.scimPerDirectory;
    await (await db()).rateLimit.create({ data: { key, count: limit - 2, resetAt: new Date(Date.now() + 30_000) } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.request('GET', '/Users')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429, 429]);
    expect((await (await db()).rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(limit + 3);
  });

  it('becomes active with its first request; refused writes in a row make the organization Needs attention until one succeeds', async () => {
    const { org, client } = await directoryWithClient();
    expect((await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } })).status).toBe('draft');
    const email = uniqueEmail('first');
    await client.request('POST', '/Users', scimUser(email));
    expect((await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } })).status).toBe('active');
    expect(
      await (await db()).auditEvent.count({ where: { organizationId: org.id, action: 'directory.connected', actorKind: 'system' } }),
    ).toBe(1);
    // A join through the directory is end-user activity.
    expect((await organization(org.id)).state).toBe('active');
    for (let i = 0; i < FAILING_REQUESTS; i++) {
      expect((await client.request('POST', '/Users', { schemas: [], displayName: 'no userName' })).status).toBe(400);
    }
    const failing = await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } });
    expect(failing.status).toBe('error');
    expect(failing.lastError).toContain('userName');
    const attention = await organization(org.id);
    expect(attention.state).toBe('needs_attention');
    expect(attention.stateReasons).toEqual([{ code: 'directory_error' }]);
    const overview = await directoryOverview(await db(), org.id, new Date());
    expect(overview?.health.recentErrors).toHaveLength(5);
    expect(overview?.health).toMatchObject({ activeUsers: 1, groups: 0 });
    expect((await client.request('POST', '/Users', scimUser(uniqueEmail('second')))).status).toBe(201);
    expect((await (await db()).directory.findUniqueOrThrow({ where: { id: client.directoryId } })).status).toBe('active');
    expect((await organization(org.id)).state).toBe('active');
    const audit = await (await db()).auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ['directory.failing', 'directory.recovered'] } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['directory.failing', 'directory.recovered']);
  });

  it('a directory silent past its limit makes the organization Needs attention when the time comes; its next request clears it', async () => {
    const { org, client } = await directoryWithClient();
    await client.request('POST', '/Users', scimUser(uniqueEmail('quiet')));
    const client0 = await db();
    // It was last heard from 73 hours ago (the limit is 72).
    const past = new Date(Date.now() - 73 * HOUR);
    await client0.directory.update({ where: { id: client.directoryId }, data: { lastRequestAt: past } });
    await client0.organization.update({ where: { id: org.id }, data: { stateValidUntil: new Date(Date.now() - 1000) } });
    await catchUpOrganizationStates(client0, new Date(), { organizationId: org.id });
    const stale = await organization(org.id);
    expect(stale.state).toBe('needs_attention');
    expect(stale.stateReasons).toEqual([{ code: 'directory_stale', lastRequestAt: past.toISOString(), hours: 72 }]);
    expect((await client.request('GET', '/Users')).status).toBe(200);
    expect((await organization(org.id)).state).toBe('active');
  });

  it('logs each request with its operation, status, changes and duration; searchable and filterable by failure', async () => {
    const { org, client } = await directoryWithClient();
    const created = await client.request('POST', '/Users', scimUser(uniqueEmail('logged')));
    await client.request('PATCH', `/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'title', value: 'CTO' }));
    await client.request('GET', '/Users/00000000-0000-4000-8000-000000000000');
    const client0 = await db();
    const all = await listDirectoryEvents(client0, org.id, client.directoryId);
    expect(all.events.map((e) => `${e.operation} ${e.status}`)).toEqual(['users.get 404', 'users.patch 204', 'users.create 201']);
    expect(all.events[1]!.changes).toMatchObject({ attributes: ['title'] });
    expect(all.events.every((e) => e.durationMs >= 0)).toBe(true);
    expect((await listDirectoryEvents(client0, org.id, client.directoryId, { failuresOnly: true })).events).toHaveLength(1);
    expect((await listDirectoryEvents(client0, org.id, client.directoryId, { search: 'PATCH' })).events).toHaveLength(1);
    expect((await listDirectoryEvents(client0, org.id, client.directoryId, { search: '%' })).events).toHaveLength(0);
    // Another organization's log is empty for this directory.
    const other = await createTestOrganization();
    expect((await listDirectoryEvents(client0, other.id, client.directoryId)).events).toHaveLength(0);
  });
});

describe('test role mapping: the dry run', () => {
  it('previews a draft for a directory user or typed groups, and who would change, writing nothing; saving applies it in one go', async () => {
    const { org, client } = await directoryWithClient('entra');
    const ana = uniqueEmail('ana');
    const ben = uniqueEmail('ben');
    const u1 = (await client.request('POST', '/Users', scimUser(ana))).body.id;
    await client.request('POST', '/Users', scimUser(ben));
    await client.request('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'IT Admins',
      members: [{ value: u1 }],
    });
    const draft = JSON.stringify([{ group: 'IT Admins', role: 'admin', allowOwner: false }]);
    const before = await (await db()).auditEvent.count({ where: { organizationId: org.id } });

    const preview = await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: draft, sampleUser: u1 });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.data.sample).toMatchObject({ label: ana, role: 'admin', mapping: 'IT Admins', groups: ['IT Admins'] });
    expect(preview.data.sample?.permissions).toContain('members.manage');
    expect(preview.data.shifts).toEqual([{ key: u1, label: ana, before: 'member', after: 'admin', mapping: 'IT Admins' }]);
    expect(preview.data.people).toBe(2);
    const typed = await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: draft, sampleGroups: 'Sales\nIT Admins' });
    expect(typed.ok && typed.data.sample).toMatchObject({ role: 'admin', groups: ['Sales', 'IT Admins'], currentRole: null });
    // An address with its groups: a member's current role is shown beside the draft's.
    const addressed = await previewRoleMappingsCommand(builder, {
      organizationId: org.id,
      mappings: draft,
      sampleEmail: ben.toUpperCase(),
      sampleGroups: 'IT Admins',
    });
    expect(addressed.ok && addressed.data.sample).toMatchObject({ label: ben, role: 'admin', currentRole: 'member' });
    const badAddress = await previewRoleMappingsCommand(builder, {
      organizationId: org.id,
      mappings: draft,
      sampleEmail: 'not an address',
    });
    expect(badAddress).toMatchObject({ ok: false, fieldErrors: { sampleEmail: [expect.any(String)] } });
    // Nothing was applied.
    expect((await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email: ana } } })).role).toBe(
      'member',
    );
    expect(await (await db()).roleMapping.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await (await db()).auditEvent.count({ where: { organizationId: org.id } })).toBe(before);

    const saved = await saveRoleMappingsCommand(builder, { organizationId: org.id, mappings: draft });
    expect(saved).toMatchObject({ ok: true, data: { added: 1, removed: 0, changed: 0, roleChanges: 1 } });
    expect((await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email: ana } } })).role).toBe(
      'admin',
    );
    expect((await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email: ben } } })).role).toBe(
      'member',
    );
    const audit = await (await db()).auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ['role_mapping.added', 'member.role_changed'] } },
    });
    expect(audit.map((e) => e.action).sort()).toEqual(['member.role_changed', 'role_mapping.added']);

    // A changed draft: the role change and the removal both apply, audited.
    const next = JSON.stringify([{ group: 'Sales', role: 'member', allowOwner: false }]);
    const changedPreview = await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: next });
    expect(changedPreview.ok && changedPreview.data.shifts).toEqual([
      { key: u1, label: ana, before: 'admin', after: 'member', mapping: null },
    ]);
    expect(await saveRoleMappingsCommand(builder, { organizationId: org.id, mappings: next })).toMatchObject({
      ok: true,
      data: { added: 1, removed: 1, roleChanges: 1 },
    });
    expect((await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email: ana } } })).role).toBe(
      'member',
    );
  });

  it('refuses a bad draft with a clear error and changes nothing', async () => {
    const { org } = await directoryWithClient();
    const cases = [
      [JSON.stringify([{ group: 'Founders', role: 'owner', allowOwner: false }]), 'invalid_input'],
      [
        JSON.stringify([
          { group: 'A', role: 'member' },
          { group: 'A', role: 'admin' },
        ]),
        'invalid_input',
      ],
      [JSON.stringify([{ group: 'A', role: 'no-such-role', allowOwner: false }]), 'role_not_allowed'],
      ['not json', 'invalid_input'],
    ] as const;
    for (const [mappings, code] of cases) {
      expect(await saveRoleMappingsCommand(builder, { organizationId: org.id, mappings }), mappings).toMatchObject({ ok: false, code });
      expect(await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings }), mappings).toMatchObject({ ok: false, code });
    }
    expect(await (await db()).roleMapping.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('another organization’s caller, or another organization’s directory user, is "not found"', async () => {
    const { org } = await directoryWithClient();
    const other = await directoryWithClient();
    const foreign = (await other.client.request('POST', '/Users', scimUser(uniqueEmail('foreign')))).body.id;
    const draft = JSON.stringify([{ group: 'G', role: 'admin', allowOwner: false }]);
    expect(await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: draft, sampleUser: foreign })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const outsider = await memberOf(other.org.id, 'owner');
    expect(await saveRoleMappingsCommand(outsider, { organizationId: org.id, mappings: draft })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await previewRoleMappingsCommand(outsider, { organizationId: org.id, mappings: draft })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await (await db()).roleMapping.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe('organizations created from directory groups', () => {
  it('needs its explicit approval, then each new group creates an organization whose members come from the group', async () => {
    const { org, client } = await directoryWithClient('okta');
    const client0 = await db();
    const ref = { organizationId: org.id, directoryId: client.directoryId };
    const unapproved = await setOrganizationCreationCommand(builder, { ...ref, enabled: 'on' });
    expect(unapproved).toMatchObject({ ok: false, code: 'invalid_input', fieldErrors: { approve: [expect.stringContaining('Approve')] } });
    expect((await client0.directory.findUniqueOrThrow({ where: { id: client.directoryId } })).createOrganizations).toBe(false);
    // Off: a group creates nothing.
    await client.request('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Before approval' });
    expect(await client0.directoryGroup.count({ where: { directoryId: client.directoryId, createdOrganizationId: { not: null } } })).toBe(
      0,
    );

    expect((await setOrganizationCreationCommand(builder, { ...ref, enabled: 'on', approve: 'on' })).ok).toBe(true);
    const approved = await client0.directory.findUniqueOrThrow({ where: { id: client.directoryId } });
    expect(approved).toMatchObject({ createOrganizations: true, createOrganizationsApprovedBy: builder.email });
    const ana = uniqueEmail('ana');
    const ben = uniqueEmail('ben');
    const u1 = (await client.request('POST', '/Users', scimUser(ana))).body.id;
    const u2 = (await client.request('POST', '/Users', scimUser(ben))).body.id;
    const name = `Team ${crypto.randomUUID().slice(0, 6)}`;
    const group = await client.request('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: name,
      members: [{ value: u1 }],
    });
    expect(group.status).toBe(201);
    const row = await client0.directoryGroup.findUniqueOrThrow({ where: { id: group.body.id }, include: { createdOrganization: true } });
    const child = row.createdOrganization!;
    expect(child).toMatchObject({ name, memberCount: 1 });
    const members = async () =>
      (await client0.membership.findMany({ where: { organizationId: child.id }, include: { user: true } })).map(
        (m) => `${m.user.email} ${m.status}`,
      );
    expect(await members()).toEqual([`${ana} active`]);
    const created = await client0.auditEvent.findFirstOrThrow({ where: { organizationId: child.id, action: 'organization.created' } });
    expect(created.summary).toMatchObject({ source: { directoryId: client.directoryId, group: name } });

    // Members follow the group: Ben joins, Ana leaves (suspended), and deprovisioning reaches it too.
    await client.request(
      'PATCH',
      `/Groups/${group.body.id}`,
      patchOps({ op: 'add', path: 'members', value: [{ value: u2 }] }, { op: 'remove', path: `members[value eq "${u1}"]` }),
    );
    expect((await members()).sort()).toEqual([`${ana} suspended`, `${ben} active`].sort());
    await client.request('PATCH', `/Users/${u2}`, patchOps({ op: 'replace', path: 'active', value: false }));
    expect((await members()).sort()).toEqual([`${ana} suspended`, `${ben} suspended`].sort());
    await client.request('PATCH', `/Users/${u2}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect((await members()).sort()).toEqual([`${ana} suspended`, `${ben} active`].sort());
    // Deleting the group keeps the organization and suspends the people it brought.
    expect((await client.request('DELETE', `/Groups/${group.body.id}`)).status).toBe(204);
    expect((await members()).sort()).toEqual([`${ana} suspended`, `${ben} suspended`].sort());
    expect(await client0.organization.count({ where: { id: child.id } })).toBe(1);

    // Another organization can't turn it on.
    const other = await createTestOrganization();
    expect(
      await setOrganizationCreationCommand(builder, { organizationId: other.id, directoryId: client.directoryId, enabled: 'off' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await client0.directory.findUniqueOrThrow({ where: { id: client.directoryId } })).createOrganizations).toBe(true);
  });
});
