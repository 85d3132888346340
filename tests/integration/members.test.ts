import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/commands/principal';
import { createClient, type Db, db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import { changeMemberRoleCommand, reactivateMemberCommand, removeMemberCommand, suspendMemberCommand } from '@/lib/members/commands';
import { isSignInRefused, recordMemberSignIn } from '@/lib/members/sign-in';
import { builder, createTestOrganization, memberOf, uniqueEmail } from '../factories';
import { DAY } from '../support/clock';

async function organizationWith(members: { role: 'owner' | 'admin' | 'member'; status?: 'active' | 'suspended' }[]) {
  const emails = members.map((m) => uniqueEmail(m.role));
  const org = await createTestOrganization({
    build: async (tx, id) => {
      for (const [i, m] of members.entries()) await addMember(tx, id, emails[i]!, { role: m.role, status: m.status });
    },
  });
  const rows = await (await db()).membership.findMany({ where: { organizationId: org.id }, include: { user: true } });
  const byEmail = new Map(rows.map((row) => [row.user.email, row]));
  return { org, members: emails.map((email) => byEmail.get(email)!) };
}

const reload = async (id: string) => (await db()).membership.findUnique({ where: { id } });

describe('member actions', () => {
  it('change role, suspend, reactivate and remove, each audited, with the state recomputed', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'member' }]);
    const [, member] = members;
    const ref = { organizationId: org.id, membershipId: member!.id };
    expect(await changeMemberRoleCommand(builder, { ...ref, role: 'admin' })).toMatchObject({ ok: true });
    expect(await reload(member!.id)).toMatchObject({ role: 'admin' });
    expect(await suspendMemberCommand(builder, ref)).toMatchObject({ ok: true });
    expect(await reload(member!.id)).toMatchObject({ status: 'suspended' });
    expect(await reactivateMemberCommand(builder, ref)).toMatchObject({ ok: true });
    expect(await removeMemberCommand(builder, ref)).toMatchObject({ ok: true });
    expect(await reload(member!.id)).toBeNull();
    const events = await (await db()).auditEvent.findMany({
      where: { organizationId: org.id, action: { startsWith: 'member.' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['member.role_changed', 'member.suspended', 'member.reactivated', 'member.removed']);
    expect(events[0]!.summary).toEqual({ role: { before: 'member', after: 'admin' } });
  });

  it('suspending one of two owners keeps the organization Ready; the other one can’t be suspended', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'owner' }]);
    await suspendMemberCommand(builder, { organizationId: org.id, membershipId: members[0]!.id });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).state).toBe('ready');
    expect(await suspendMemberCommand(builder, { organizationId: org.id, membershipId: members[1]!.id })).toMatchObject({
      ok: false,
      code: 'last_owner',
    });
  });

  it('never takes away the last active owner, and says how to go on', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'admin' }]);
    const ref = { organizationId: org.id, membershipId: members[0]!.id };
    for (const result of [
      await changeMemberRoleCommand(builder, { ...ref, role: 'member' }),
      await suspendMemberCommand(builder, ref),
      await removeMemberCommand(builder, ref),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'last_owner' });
      if (!result.ok) expect(result.message).toContain('Make another member an owner first');
    }
    expect(await reload(members[0]!.id)).toMatchObject({ role: 'owner', status: 'active' });
    // The factory's own state change is the only event: the refusals wrote none.
    expect(await (await db()).auditEvent.count({ where: { organizationId: org.id, action: { startsWith: 'member.' } } })).toBe(0);
  });

  it('refuses a caller without members.manage, and one from another organization gets "not found"; nothing changes', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'member' }]);
    const other = await createTestOrganization();
    const ref = { organizationId: org.id, membershipId: members[1]!.id };
    const plainMember: Principal = await memberOf(org.id, 'member', { userId: members[1]!.userId, email: 'm@x.test' });
    const outsider: Principal = await memberOf(other.id, 'owner');
    expect(await changeMemberRoleCommand(plainMember, { ...ref, role: 'owner' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await removeMemberCommand(outsider, ref)).toMatchObject({ ok: false, code: 'not_found' });
    // Another organization's membership id, from a console user scoped to this organization's id.
    const foreign = await organizationWith([{ role: 'owner' }]);
    expect(await removeMemberCommand(builder, { organizationId: org.id, membershipId: foreign.members[0]!.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await reload(members[1]!.id)).toMatchObject({ role: 'member', status: 'active' });
    expect(await reload(foreign.members[0]!.id)).not.toBeNull();
    expect(
      await (await db()).auditEvent.count({
        where: { organizationId: { in: [org.id, foreign.org.id] }, action: { startsWith: 'member.' } },
      }),
    ).toBe(0);
  });

  it('bad input gets field errors and changes nothing', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'member' }]);
    const ref = { organizationId: org.id, membershipId: members[1]!.id };
    const malformed = await changeMemberRoleCommand(builder, { ...ref, role: 'Super User!' });
    expect(malformed).toMatchObject({ ok: false, code: 'invalid_input', fieldErrors: { role: ['Choose a role.'] } });
    // A well-formed key that is no role of this organization: refused beside the field.
    const unknown = await changeMemberRoleCommand(builder, { ...ref, role: 'superuser' });
    expect(unknown).toMatchObject({
      ok: false,
      code: 'role_not_allowed',
      fieldErrors: { role: ['Choose one of this organization’s roles.'] },
    });
    expect(await reload(members[1]!.id)).toMatchObject({ role: 'member' });
  });

  it('two concurrent demotions of the last two owners leave one owner', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'owner' }]);
    const url = process.env.TEST_DATABASE_URL;
    // On PostgreSQL the second request has its own pool, as a second app instance would.
    const second: Db | null = url ? await createClient({ kind: 'postgres', url }) : null;
    const results = await Promise.all([
      changeMemberRoleCommand(builder, { organizationId: org.id, membershipId: members[0]!.id, role: 'admin' }),
      (async () => {
        if (!second) return changeMemberRoleCommand(builder, { organizationId: org.id, membershipId: members[1]!.id, role: 'admin' });
        const { changeMemberRole } = await import('@/lib/members/mutations');
        const { contextFor } = await import('@/lib/commands/define');
        return changeMemberRole(second, contextFor(builder, new Date()), {
          organizationId: org.id,
          membershipId: members[1]!.id,
          role: 'admin',
        });
      })(),
    ]);
    if (second) await second.$disconnect();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['last_owner']);
    expect(await (await db()).membership.count({ where: { organizationId: org.id, role: 'owner', status: 'active' } })).toBe(1);
  });
});

describe('a suspended member’s sign-in', () => {
  it('is refused once every membership is suspended; their member sessions end; a builder session stays', async () => {
    const { org, members } = await organizationWith([{ role: 'owner' }, { role: 'member' }]);
    const member = members[1]!;
    const email = (await (await db()).user.findUniqueOrThrow({ where: { id: member.userId } })).email;
    const client = await db();
    const expires = new Date(Date.now() + DAY);
    await client.session.create({ data: { sessionToken: `m-${member.id}`, userId: member.userId, expires, audience: 'member' } });
    await client.session.create({ data: { sessionToken: `c-${member.id}`, userId: member.userId, expires, audience: 'console' } });
    expect(await isSignInRefused(client, email)).toBe(false);

    await suspendMemberCommand(builder, { organizationId: org.id, membershipId: member.id });
    expect(await isSignInRefused(client, email)).toBe(true);
    expect((await client.session.findMany({ where: { userId: member.userId } })).map((s) => s.audience)).toEqual(['console']);

    await reactivateMemberCommand(builder, { organizationId: org.id, membershipId: member.id });
    expect(await isSignInRefused(client, email)).toBe(false);
    // Someone with no organization yet may sign in (to accept an invitation, or auto-join).
    expect(await isSignInRefused(client, uniqueEmail('nobody'))).toBe(false);
  });

  it('an active membership elsewhere keeps the sign-in and the sessions', async () => {
    const email = uniqueEmail('two-orgs');
    const first = await createTestOrganization({ build: (tx, id) => addMember(tx, id, email) });
    await createTestOrganization({ build: (tx, id) => addMember(tx, id, email) });
    const client = await db();
    const membership = await client.membership.findFirstOrThrow({ where: { organizationId: first.id } });
    await client.session.create({
      data: { sessionToken: `m-${membership.id}`, userId: membership.userId, expires: new Date(Date.now() + DAY), audience: 'member' },
    });
    await suspendMemberCommand(builder, { organizationId: first.id, membershipId: membership.id });
    expect(await isSignInRefused(client, email)).toBe(false);
    expect(await client.session.count({ where: { userId: membership.userId } })).toBe(1);
  });

  it('a sign-in is recorded on each active membership, for "last sign-in"', async () => {
    const email = uniqueEmail('signs-in');
    const a = await createTestOrganization({ build: (tx, id) => addMember(tx, id, email) });
    const b = await createTestOrganization({ build: (tx, id) => addMember(tx, id, email, { status: 'suspended' }) });
    const client = await db();
    const user = await client.user.findUniqueOrThrow({ where: { email } });
    const when = new Date('2026-11-20T10:00:00Z');
    await recordMemberSignIn(client, user.id, when);
    const rows = await client.membership.findMany({ where: { userId: user.id } });
    expect(rows.find((r) => r.organizationId === a.id)?.lastSignInAt).toEqual(when);
    expect(rows.find((r) => r.organizationId === b.id)?.lastSignInAt).toBeNull();
  });
});
