import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createPermissionCommand,
  createRoleCommand,
  deletePermissionCommand,
  deleteRoleCommand,
  updateRoleCommand,
} from '@/lib/access/commands';
import { memberPrincipal, permissionsOfRoles } from '@/lib/access/permissions';
import { rolesForOrganization } from '@/lib/access/queries';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { addActivity, addMember } from '@/lib/demo/records';
import { sendInvitationsCommand } from '@/lib/invitations/commands';
import { changeMemberRoleCommand } from '@/lib/members/commands';
import { lastEndUserActivityAt } from '@/lib/organizations/activity';
import { getOrganizationDetail } from '@/lib/organizations/queries';
import { builder, createTestOrganization, form, memberOf, uniqueEmail } from '../factories';

const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
const auditOf = async (targetId: string) =>
  (await db()).auditEvent.findMany({ where: { targetId }, orderBy: { occurredAt: 'asc' }, select: { action: true, summary: true } });

describe('roles are rows', () => {
  it('the defaults hold the permissions the product gives them, and members act with them', async () => {
    const client = await db();
    const byRole = await permissionsOfRoles(client, ['owner', 'admin', 'member']);
    expect(byRole.get('member')).toEqual([]);
    expect(byRole.get('admin')).toEqual([
      'audit.read',
      'auto_join.manage',
      'directory.manage',
      'domains.manage',
      'groups.manage',
      'invitations.manage',
      'invitations.send',
      'members.manage',
      'sso.manage',
    ]);
    expect(byRole.get('owner')).toContain('organizations.delete');
    expect(byRole.get('owner')).not.toContain('organizations.create');
    const org = await createTestOrganization();
    const admin = await memberPrincipal(client, { userId: builder.userId, email: builder.email, organizationId: org.id, role: 'admin' });
    expect(hasPermission(admin, 'invitations.send')).toBe(true);
    expect(hasPermission(admin, 'organizations.delete')).toBe(false);
  });

  it('the operating team is the role’s property: the state rules read it, not a list of names', async () => {
    const client = await db();
    const key = `ops-${crypto.randomBytes(4).toString('hex')}`;
    await client.role.create({ data: { key, name: 'Ops lead', operatingTeam: true } });
    const lead = uniqueEmail('lead');
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, uniqueEmail('owner'), { role: 'owner' });
        await addMember(tx, id, lead, { role: key });
        await addActivity(tx, id, new Date(), { actorEmail: lead });
      },
    });
    // The lead is in the operating team: their activity is not end-user activity.
    expect(await lastEndUserActivityAt(client, org.id)).toBeNull();
    expect((await getOrganizationDetail(client, org.id, new Date()))?.lastEndUserActivityAt).toBeNull();
    // Taking the role out of the operating team makes the lead an end user: every organization with
    // a member in it is due for a recompute, and the next read stores the new fact and state.
    expect(
      await updateRoleCommand(builder, { roleKey: key, name: 'Ops lead', description: 'Runs operations.', permissions: ['audit.read'] }),
    ).toMatchObject({ ok: true });
    expect(await lastEndUserActivityAt(client, org.id)).not.toBeNull();
    const due = await client.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(due.stateValidUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    const detail = await getOrganizationDetail(client, org.id, new Date());
    expect(detail?.lastEndUserActivityAt).toEqual(await lastEndUserActivityAt(client, org.id));
    expect(detail?.state).toBe('active');
    // The organization can use it, after the defaults, least privileged first.
    const roles = await rolesForOrganization(client, org.id);
    expect(roles.slice(0, 3).map((r) => r.key)).toEqual(['member', 'admin', 'owner']);
    expect(roles.map((r) => r.key)).toContain(key);
  });

  it('deleting an operating-team role and moving its members to Member makes them end users: the state is due and catches up', async () => {
    const client = await db();
    const key = `ops-${crypto.randomBytes(4).toString('hex')}`;
    await client.role.create({ data: { key, name: 'Ops lead', operatingTeam: true } });
    const lead = uniqueEmail('lead');
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, uniqueEmail('owner'), { role: 'owner' });
        await addMember(tx, id, lead, { role: key });
        await addActivity(tx, id, new Date(), { actorEmail: lead });
      },
    });
    expect((await getOrganizationDetail(client, org.id, new Date()))?.lastEndUserActivityAt).toBeNull();
    expect(await deleteRoleCommand(builder, { roleKey: key, moveTo: 'member' })).toMatchObject({ ok: true });
    const due = await client.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(due.stateValidUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    const detail = await getOrganizationDetail(client, org.id, new Date());
    expect(detail?.lastEndUserActivityAt).not.toBeNull();
    expect(detail?.state).toBe('active');
  });

  it('a role limited to one organization is offered there only', async () => {
    const client = await db();
    const [mine, other] = [await createTestOrganization(), await createTestOrganization()];
    const key = `local-${crypto.randomBytes(4).toString('hex')}`;
    await client.role.create({ data: { key, name: 'Local', organizationId: mine.id } });
    expect((await rolesForOrganization(client, mine.id)).map((r) => r.key)).toContain(key);
    expect((await rolesForOrganization(client, other.id)).map((r) => r.key)).not.toContain(key);
  });
});

describe('custom roles and the permission catalog', () => {
  it('a builder creates a role with permissions, including the app’s own; changing them reaches every holder at once, audited', async () => {
    const client = await db();
    const appKey = `${unique('reports')}:export`;
    expect(await createPermissionCommand(builder, form({ key: appKey, description: 'Export reports.' }))).toMatchObject({ ok: true });
    const key = unique('support');
    const created = await createRoleCommand(builder, {
      key,
      name: 'Support',
      description: 'Reads the audit log.',
      permissions: ['audit.read', appKey],
    });
    expect(created).toMatchObject({ ok: true, data: { key } });
    const org = await createTestOrganization({ build: (tx, id) => addMember(tx, id, uniqueEmail('agent'), { role: key }) });
    const agent = await memberOf(org.id, key);
    expect(agent.permissions).toEqual(['audit.read', appKey]);

    expect(
      await updateRoleCommand(builder, {
        roleKey: key,
        name: 'Support',
        description: 'Reads the audit log.',
        permissions: ['audit.read', 'invitations.send'],
      }),
    ).toMatchObject({
      ok: true,
    });
    expect((await memberOf(org.id, key)).permissions).toEqual(['audit.read', 'invitations.send']);
    expect(await auditOf(key)).toEqual([
      { action: 'role.created', summary: { permissions: ['audit.read', appKey].sort(), operatingTeam: false, scope: 'all' } },
      {
        action: 'role.updated',
        summary: { permissions: { before: ['audit.read', appKey].sort(), after: ['audit.read', 'invitations.send'] } },
      },
    ]);
    expect(await client.role.count({ where: { key } })).toBe(1);
  });

  it('bad input: a taken or malformed key, an unknown or console-only permission; each a field error, nothing written', async () => {
    const client = await db();
    const before = await client.role.count();
    const cases = [
      [{ key: 'owner', name: 'Another owner' }, 'key', 'key_taken'],
      [{ key: 'Bad Key!', name: 'X' }, 'key', 'invalid_input'],
      [{ key: unique('r'), name: '' }, 'name', 'invalid_input'],
      [{ key: unique('r'), name: 'X', permissions: ['nope:nothing'] }, 'permissions', 'invalid_input'],
      [{ key: unique('r'), name: 'X', permissions: ['roles.manage'] }, 'permissions', 'invalid_input'],
    ] as const;
    for (const [input, field, code] of cases) {
      const result = await createRoleCommand(builder, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.fieldErrors?.[field]?.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    expect(await client.role.count()).toBe(before);
  });

  it('a default role keeps its Orgdesk permissions and can’t be deleted; it can take the app’s own', async () => {
    const appKey = `${unique('billing')}:view`;
    await createPermissionCommand(builder, form({ key: appKey, description: 'See invoices.' }));
    // The form can't take members.manage away from Admin: only app permissions change.
    expect(
      await updateRoleCommand(builder, { roleKey: 'admin', name: 'Admin', description: 'Runs it.', permissions: [appKey] }),
    ).toMatchObject({
      ok: true,
    });
    const admin = (await permissionsOfRoles(await db(), ['admin'])).get('admin')!;
    expect(admin).toContain('members.manage');
    expect(admin).toContain(appKey);
    expect(await deleteRoleCommand(builder, { roleKey: 'member' })).toMatchObject({ ok: false, code: 'default_role' });
    // Put Admin back as it was for the other tests.
    await updateRoleCommand(builder, {
      roleKey: 'admin',
      name: 'Admin',
      description: 'Operating team: manages members, invitations, domains, groups, SSO and the directory.',
      permissions: [],
    });
    expect(await deletePermissionCommand(builder, { key: appKey })).toMatchObject({ ok: true });
    expect(await deletePermissionCommand(builder, { key: 'audit.read' })).toMatchObject({ ok: false, code: 'default_role' });
  });

  it('a role in use can’t be deleted: the refusal says what uses it; moving them to another role first deletes it', async () => {
    const client = await db();
    const key = unique('temp');
    await createRoleCommand(builder, { key, name: 'Temporary' });
    const org = await createTestOrganization({ build: (tx, id) => addMember(tx, id, uniqueEmail('temp'), { role: key }) });
    const refused = await deleteRoleCommand(builder, { roleKey: key });
    expect(refused).toMatchObject({ ok: false, code: 'role_in_use' });
    if (!refused.ok) expect(refused.message).toContain('1 member');
    expect(await client.role.count({ where: { key } })).toBe(1);
    expect(await deleteRoleCommand(builder, { roleKey: key, moveTo: 'member' })).toMatchObject({ ok: true });
    expect(await client.role.count({ where: { key } })).toBe(0);
    expect((await client.membership.findFirstOrThrow({ where: { organizationId: org.id } })).role).toBe('member');
    expect((await auditOf(key)).at(-1)).toMatchObject({ action: 'role.deleted', summary: { movedTo: 'member' } });
  });

  it('a role that group mappings give moves with them; it never moves them to Owner', async () => {
    const client = await db();
    const key = unique('mapped');
    await createRoleCommand(builder, { key, name: 'Mapped' });
    const org = await createTestOrganization();
    const mapping = await client.roleMapping.create({ data: { organizationId: org.id, group: 'auditors', role: key } });
    const refused = await deleteRoleCommand(builder, { roleKey: key });
    expect(refused).toMatchObject({ ok: false, code: 'role_in_use' });
    if (!refused.ok) expect(refused.message).toContain('1 group mapping');
    expect(await deleteRoleCommand(builder, { roleKey: key, moveTo: 'owner' })).toMatchObject({ ok: false, code: 'role_not_allowed' });
    expect(await deleteRoleCommand(builder, { roleKey: key, moveTo: 'admin' })).toMatchObject({ ok: true });
    expect((await client.roleMapping.findUniqueOrThrow({ where: { id: mapping.id } })).role).toBe('admin');
  });

  it('members can’t manage roles, whatever their role says', async () => {
    const org = await createTestOrganization();
    const owner = await memberOf(org.id, 'owner');
    expect(await createRoleCommand(owner, { key: unique('x'), name: 'X' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await deleteRoleCommand(owner, { roleKey: 'member' })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('no granting above your own rank', () => {
  it('an admin can give Member and Admin, never Owner; a role limited to another organization is refused; nothing changes', async () => {
    const client = await db();
    const target = uniqueEmail('target');
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, uniqueEmail('owner'), { role: 'owner' });
        await addMember(tx, id, target, { role: 'member' });
      },
    });
    const membership = await client.membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email: target } } });
    const admin = await memberOf(org.id, 'admin');
    const ref = { organizationId: org.id, membershipId: membership.id };
    const raised = await changeMemberRoleCommand(admin, { ...ref, role: 'owner' });
    expect(raised).toMatchObject({ ok: false, code: 'forbidden' });
    if (!raised.ok) expect(raised.fieldErrors?.role?.[0]).toContain('organizations.delete');
    expect(await sendInvitationsCommand(admin, form({ organizationId: org.id, addresses: uniqueEmail(), role: 'owner' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await changeMemberRoleCommand(admin, { ...ref, role: 'admin' })).toMatchObject({ ok: true });

    const elsewhere = await createTestOrganization();
    const local = unique('local');
    await createRoleCommand(builder, { key: local, name: 'Local', scope: elsewhere.id });
    expect(await changeMemberRoleCommand(builder, { ...ref, role: local })).toMatchObject({ ok: false, code: 'role_not_allowed' });
    expect((await client.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe('admin');
    expect(await client.invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe('the database holds a role’s scope', () => {
  it('a role limited to one organization can’t be written for another, whatever writes', async () => {
    const client = await db();
    const [mine, other] = [await createTestOrganization(), await createTestOrganization()];
    const key = unique('scoped');
    await client.role.create({ data: { key, name: 'Scoped', organizationId: mine.id } });
    const email = uniqueEmail('scoped');
    // Allowed where it belongs.
    await client.$transaction((tx) => addMember(tx, mine.id, email, { role: key }));
    // Refused elsewhere: a membership, an invitation, auto-join, a group.
    await expect(client.$transaction((tx) => addMember(tx, other.id, uniqueEmail('x'), { role: key }))).rejects.toThrow(/can't be used/);
    await expect(
      client.invitation.create({
        data: {
          organizationId: other.id,
          email: uniqueEmail('i'),
          role: key,
          tokenHash: unique('h'),
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      }),
    ).rejects.toThrow(/can't be used/);
    await expect(client.organization.update({ where: { id: other.id }, data: { autoJoinRole: key } })).rejects.toThrow(/can't be used/);
    const group = await client.group.create({ data: { organizationId: other.id, name: 'G' } });
    await expect(client.groupRole.create({ data: { groupId: group.id, roleKey: key } })).rejects.toThrow(/can't be used/);
    // And the role can't be re-scoped away from where it is used.
    await expect(client.role.update({ where: { key }, data: { organizationId: other.id } })).rejects.toThrow(/used outside/);
    expect(await client.membership.count({ where: { role: key } })).toBe(1);
  });
});
