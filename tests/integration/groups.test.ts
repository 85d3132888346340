import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPermissionCommand, createRoleCommand, deleteRoleCommand } from '@/lib/access/commands';
import { effectivePermissionsOf } from '@/lib/access/permissions';
import { db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import {
  addGroupMemberCommand,
  createGroupCommand,
  deleteGroupCommand,
  removeGroupMemberCommand,
  updateGroupCommand,
} from '@/lib/groups/commands';
import { builder, createTestOrganization, form, memberOf, uniqueEmail } from '../factories';

const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString('hex')}`;

async function organizationWithMember(role = 'member') {
  const email = uniqueEmail('person');
  const org = await createTestOrganization({
    build: async (tx, id) => {
      await addMember(tx, id, uniqueEmail('owner'), { role: 'owner' });
      await addMember(tx, id, email, { role });
    },
  });
  const membership = await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, user: { email } } });
  return { org, membership, email };
}

describe('groups', () => {
  it('a group’s roles reach its members: effective permissions are the union, each with its source; audited', async () => {
    const client = await db();
    const appKey = `${unique('reports')}:export`;
    await createPermissionCommand(builder, form({ key: appKey, description: 'Export reports.' }));
    const analyst = unique('analyst');
    await createRoleCommand(builder, { key: analyst, name: 'Analyst', permissions: [appKey, 'audit.read'] });
    const { org, membership } = await organizationWithMember('member');
    const created = await createGroupCommand(builder, { organizationId: org.id, name: 'Finance', roles: [analyst] });
    expect(created.ok).toBe(true);
    const groupId = created.ok ? created.data.id : '';
    expect(await effectivePermissionsOf(client, membership)).toEqual(new Map());

    expect(await addGroupMemberCommand(builder, { organizationId: org.id, groupId, membershipId: membership.id })).toMatchObject({
      ok: true,
    });
    const effective = await effectivePermissionsOf(client, membership);
    expect([...effective.keys()]).toEqual(['audit.read', appKey].sort());
    expect(effective.get(appKey)).toEqual([{ kind: 'group', group: 'Finance', role: analyst }]);
    // The principal acts with them at once.
    expect((await memberOf(org.id, 'member', { userId: membership.userId, email: 'x@y.test' })).permissions).toEqual(
      ['audit.read', appKey].sort(),
    );

    expect(await removeGroupMemberCommand(builder, { organizationId: org.id, groupId, membershipId: membership.id })).toMatchObject({
      ok: true,
    });
    expect((await effectivePermissionsOf(client, membership)).size).toBe(0);
    const events = await client.auditEvent.findMany({
      where: { organizationId: org.id, action: { startsWith: 'group.' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['group.created', 'group.member_added', 'group.member_removed']);
    // Adding and removing are about the member, naming the group.
    expect(events[1]).toMatchObject({ targetType: 'member', targetId: membership.userId, summary: { group: 'Finance', groupId } });

    // A role a group gives is in use: deleting it moves the group to the chosen role.
    expect(await deleteRoleCommand(builder, { roleKey: analyst })).toMatchObject({ ok: false, code: 'role_in_use' });
    expect(await deleteRoleCommand(builder, { roleKey: analyst, moveTo: 'member' })).toMatchObject({ ok: true });
    expect((await client.groupRole.findMany({ where: { groupId } })).map((r) => r.roleKey)).toEqual(['member']);
  });

  it('a taken name, a blank name or an unknown role is a field error, and nothing is written', async () => {
    const { org } = await organizationWithMember();
    await createGroupCommand(builder, { organizationId: org.id, name: 'Ops' });
    for (const [input, field] of [
      [{ name: 'Ops' }, 'name'],
      [{ name: '  ' }, 'name'],
      [{ name: 'New', roles: ['no-such-role'] }, 'roles'],
    ] as const) {
      const result = await createGroupCommand(builder, { organizationId: org.id, ...input });
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.fieldErrors?.[field]?.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    expect(await (await db()).group.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('another organization’s caller gets “not found”, a member without groups.manage is refused, an admin can’t give Owner; nothing changes', async () => {
    const client = await db();
    const { org, membership } = await organizationWithMember();
    const created = await createGroupCommand(builder, { organizationId: org.id, name: 'Team' });
    const groupId = created.ok ? created.data.id : '';
    const other = await createTestOrganization();
    const ref = { organizationId: org.id, groupId, membershipId: membership.id };
    expect(await addGroupMemberCommand(await memberOf(other.id, 'owner'), ref)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteGroupCommand(await memberOf(other.id, 'owner'), { organizationId: org.id, groupId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    // This organization's id with another organization's group: not found either.
    const foreign = await createGroupCommand(builder, { organizationId: other.id, name: 'Elsewhere' });
    const foreignId = foreign.ok ? foreign.data.id : '';
    expect(await addGroupMemberCommand(builder, { ...ref, groupId: foreignId })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await addGroupMemberCommand(await memberOf(org.id, 'member'), ref)).toMatchObject({ ok: false, code: 'forbidden' });
    const admin = await memberOf(org.id, 'admin');
    expect(await updateGroupCommand(admin, { organizationId: org.id, groupId, name: 'Team', roles: ['owner'] })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await updateGroupCommand(admin, { organizationId: org.id, groupId, name: 'Team', roles: ['admin'] })).toMatchObject({
      ok: true,
    });
    expect(await client.groupMember.count({ where: { groupId } })).toBe(0);
    expect((await client.groupRole.findMany({ where: { groupId } })).map((r) => r.roleKey)).toEqual(['admin']);
  });

  it('a group from a directory can’t be edited by hand, and says why; the database keeps a member in its own organization', async () => {
    const client = await db();
    const { org, membership } = await organizationWithMember();
    const group = await client.group.create({
      data: { organizationId: org.id, name: 'Engineering', source: 'directory', externalId: 'okta-123' },
    });
    const result = await updateGroupCommand(builder, { organizationId: org.id, groupId: group.id, name: 'Renamed' });
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    if (!result.ok) expect(result.message).toContain('directory');
    expect(await addGroupMemberCommand(builder, { organizationId: org.id, groupId: group.id, membershipId: membership.id })).toMatchObject({
      ok: false,
    });
    const other = await createTestOrganization();
    await expect(
      client.groupMember.create({ data: { groupId: group.id, membershipId: membership.id, organizationId: other.id } }),
    ).rejects.toThrow();
    await expect(client.group.create({ data: { organizationId: org.id, name: 'No id', source: 'directory' } })).rejects.toThrow();
  });
});
