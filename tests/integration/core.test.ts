import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addActivity, addDomain, addMember } from '@/lib/demo/records';
import { enableAutoJoinCommand } from '@/lib/domains/commands';
import { acceptInvitation } from '@/lib/invitations/accept';
import { resendInvitationCommand, revokeInvitationCommand, sendInvitationsCommand } from '@/lib/invitations/commands';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { createInvitations } from '@/lib/invitations/mutations';
import { deriveInvitationToken } from '@/lib/invitations/tokens';
import {
  changeOrganizationSlugCommand,
  createOrganizationCommand,
  deleteOrganizationCommand,
  renameOrganizationCommand,
  suspendOrganizationCommand,
} from '@/lib/organizations/commands';
import { getOrganizationDetail } from '@/lib/organizations/queries';
import { catchUpOrganizationStates } from '@/lib/organizations/recompute';
import { at, builder, createTestOrganization, form, memberOf, uniqueDomain, uniqueEmail, uniqueSlug } from '../factories';
import { DAY, testClock } from '../support/clock';

const REQUEST = { request: { ip: '198.51.100.4', requestId: 'req-core-1' } };

async function eventsOf(organizationId: string) {
  return (await db()).auditEvent.findMany({ where: { organizationId }, orderBy: [{ occurredAt: 'asc' }, { action: 'asc' }] });
}

async function tokenOf(invitationId: string) {
  const invitation = await (await db()).invitation.findUniqueOrThrow({ where: { id: invitationId } });
  return deriveInvitationToken(getConfig().authSecret, invitation.id, invitation.tokenNonce);
}

async function invite(
  organizationId: string,
  email: string,
  now: Date,
  extra: { role?: 'member' | 'admin' | 'owner'; expiresInDays?: number } = {},
) {
  const result = await createInvitations(await db(), at(now), {
    organizationId,
    addresses: email,
    role: extra.role ?? 'member',
    expiresInDays: extra.expiresInDays ?? 7,
    confirm: [],
  });
  expect(result.ok).toBe(true);
  return (await db()).invitation.findFirstOrThrow({ where: { organizationId, email, isTest: false }, orderBy: { createdAt: 'desc' } });
}

describe('the audit log', () => {
  it('records who, what, the target, the change, the address and the request id, in the change’s transaction', async () => {
    const slug = uniqueSlug('audit');
    const created = await createOrganizationCommand(builder, form({ name: 'Audit Co', slug }), REQUEST);
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    expect(await renameOrganizationCommand(builder, form({ organizationId: id, name: 'Audit Company' }), REQUEST)).toMatchObject({
      ok: true,
    });
    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual(['organization.created', 'organization.renamed']);
    expect(events[1]).toMatchObject({
      actorKind: 'console_user',
      actorId: builder.userId,
      actorEmail: builder.email,
      targetType: 'organization',
      targetId: id,
      summary: { name: { before: 'Audit Co', after: 'Audit Company' } },
      ip: '198.51.100.4',
      requestId: 'req-core-1',
    });
  });

  it('a refused change writes no event', async () => {
    const taken = await createTestOrganization();
    const org = await createTestOrganization();
    expect(await changeOrganizationSlugCommand(builder, form({ organizationId: org.id, slug: taken.slug }))).toMatchObject({
      ok: false,
      code: 'slug_taken',
    });
    expect(await renameOrganizationCommand(builder, form({ organizationId: org.id, name: ' ' }))).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect(await eventsOf(org.id)).toEqual([]);
  });

  it('a change of state is an event, with the old and new state and the reasons', async () => {
    const org = await createTestOrganization();
    await suspendOrganizationCommand(builder, form({ organizationId: org.id }));
    const events = await eventsOf(org.id);
    expect(events.map((e) => e.action).sort()).toEqual(['organization.state_changed', 'organization.suspended']);
    const change = events.find((e) => e.action === 'organization.state_changed')!;
    expect(change.summary).toMatchObject({ state: { before: 'setup', after: 'needs_attention' }, reasons: [{ code: 'suspended' }] });
    expect(change.actorEmail).toBe(builder.email);
  });

  it('events outlive the organization they describe', async () => {
    const org = await createTestOrganization();
    expect(await deleteOrganizationCommand(builder, form({ organizationId: org.id, confirmSlug: org.slug }))).toMatchObject({ ok: true });
    const events = await eventsOf(org.id);
    expect(events.map((e) => e.action)).toEqual(['organization.deleted']);
    expect(events[0]!.summary).toMatchObject({ name: org.name, state: 'setup' });
  });

  it('invitation events never carry the token or its nonce', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const invitation = await invite(org.id, uniqueEmail('audited'), clock.now());
    expect(await revokeInvitationCommand(builder, form({ organizationId: org.id, invitationId: invitation.id }))).toMatchObject({
      ok: true,
    });
    const events = await eventsOf(org.id);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['invitation.sent', 'invitation.revoked', 'organization.state_changed']),
    );
    const text = JSON.stringify(events);
    expect(text).not.toContain(invitation.tokenNonce);
    expect(text).not.toContain(invitation.tokenHash);
    expect(text).not.toContain(await tokenOf(invitation.id));
  });

  it('the scheduled catch-up records time-driven state changes as the system', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    await invite(org.id, uniqueEmail('lapses'), clock.now(), { expiresInDays: 1 });
    expect(await catchUpOrganizationStates(await db(), clock.advance(2 * DAY), { organizationId: org.id })).toBe(1);
    const stored = await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.state).toBe('needs_attention');
    const change = (await eventsOf(org.id)).filter((e) => e.action === 'organization.state_changed').at(-1)!;
    expect(change).toMatchObject({
      actorKind: 'system',
      actorId: 'state catch-up',
      summary: { state: { before: 'pending', after: 'needs_attention' } },
    });
  });
});

describe('principals and scope', () => {
  it('a member of another organization gets "not found" and changes nothing', async () => {
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization({ name: 'Untouched' });
    const owner: Principal = await memberOf(mine.id, 'owner');
    expect(await renameOrganizationCommand(owner, form({ organizationId: theirs.id, name: 'Hijacked' }))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await sendInvitationsCommand(owner, form({ organizationId: theirs.id, addresses: uniqueEmail() }))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const after = await (await db()).organization.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(after.name).toBe('Untouched');
    expect(await (await db()).invitation.count({ where: { organizationId: theirs.id } })).toBe(0);
    expect(await eventsOf(theirs.id)).toEqual([]);
  });

  it('a member without the permission is refused, and nothing changes but the record of the refusal', async () => {
    const org = await createTestOrganization({ name: 'Kept' });
    const member: Principal = await memberOf(org.id, 'member');
    expect(await renameOrganizationCommand(member, form({ organizationId: org.id, name: 'Changed' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe('Kept');
    expect((await eventsOf(org.id)).map((e) => ({ action: e.action, target: e.targetId, summary: e.summary }))).toEqual([
      { action: 'command.refused', target: 'organizations.rename', summary: { permission: 'organizations.manage', reason: 'forbidden' } },
    ]);
  });
});

describe('accepting through the command layer', () => {
  it('the link holder accepts; someone signed in as another address is refused and nothing changes', async () => {
    const { acceptInvitationCommand } = await import('@/lib/invitations/commands');
    const clock = testClock();
    const org = await createTestOrganization();
    const email = uniqueEmail('link');
    const invitation = await invite(org.id, email, clock.now());
    const token = await tokenOf(invitation.id);
    const other = await acceptInvitationCommand({ kind: 'invitation_link', email: uniqueEmail('someone-else') }, { token });
    expect(other).toMatchObject({ ok: false, code: 'wrong_account' });
    expect(await (await db()).membership.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await acceptInvitationCommand(null, { token })).toMatchObject({ ok: false, code: 'unauthenticated' });
    const accepted = await acceptInvitationCommand({ kind: 'invitation_link', email: null }, { token }, REQUEST);
    expect(accepted).toMatchObject({ ok: true, data: { email, role: 'member' } });
    const event = (await eventsOf(org.id)).find((e) => e.action === 'invitation.accepted')!;
    expect(event).toMatchObject({ actorKind: 'member', actorEmail: email, ip: '198.51.100.4', requestId: 'req-core-1' });
  });
});

describe('integrity fixes', () => {
  it('resending an invitation that a newer one superseded is refused and points to the newer one', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const email = uniqueEmail('twice');
    const first = await invite(org.id, email, clock.now(), { expiresInDays: 1 });
    const second = await invite(org.id, email, clock.advance(2 * DAY));
    const refused = await resendInvitationCommand(builder, form({ organizationId: org.id, invitationId: first.id }), { now: clock.now() });
    expect(refused).toMatchObject({ ok: false, code: 'superseded' });
    if (!refused.ok) expect(refused.message).toContain('Resend that one instead');
    const pending = await (await db()).invitation.findMany({ where: { organizationId: org.id, email, status: 'pending' } });
    expect(pending.map((i) => i.id)).toEqual([second.id]);
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).pendingInvitationCount).toBe(1);
  });

  it('accepting as an existing member applies the higher role, and never lowers one', async () => {
    const clock = testClock();
    const raisedEmail = uniqueEmail('raised');
    const ownerEmail = uniqueEmail('owner');
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, raisedEmail, { role: 'member' });
        await addMember(tx, id, ownerEmail, { role: 'owner' });
      },
    });
    // The review refuses existing members; the invitations predate their membership here.
    const client = await db();
    await client.membership.deleteMany({ where: { organizationId: org.id } });
    const toAdmin = await invite(org.id, raisedEmail, clock.now(), { role: 'admin' });
    const toMember = await invite(org.id, ownerEmail, clock.now(), { role: 'member' });
    await client.$transaction(async (tx) => {
      await addMember(tx, org.id, raisedEmail, { role: 'member' });
      await addMember(tx, org.id, ownerEmail, { role: 'owner' });
    });
    expect(await acceptInvitation(client, await tokenOf(toAdmin.id), null, clock.now())).toMatchObject({
      ok: true,
      data: { role: 'admin' },
    });
    expect(await acceptInvitation(client, await tokenOf(toMember.id), null, clock.now())).toMatchObject({
      ok: true,
      data: { role: 'owner' },
    });
    const roles = await client.membership.findMany({ where: { organizationId: org.id }, include: { user: true } });
    expect(Object.fromEntries(roles.map((m) => [m.user.email, m.role]))).toEqual({ [raisedEmail]: 'admin', [ownerEmail]: 'owner' });
    const changed = (await eventsOf(org.id)).filter((e) => e.action === 'member.role_changed');
    expect(changed.map((e) => e.summary)).toEqual([expect.objectContaining({ role: { before: 'member', after: 'admin' } })]);
  });

  it('auto-join can never grant Owner, whatever the form sends', async () => {
    const domain = uniqueDomain('autojoin');
    const org = await createTestOrganization({ build: (tx, id) => addDomain(tx, id, domain, { status: 'verified' }) });
    const refused = await enableAutoJoinCommand(builder, form({ organizationId: org.id, role: 'owner', approve: 'yes' }));
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { role: ['Auto-join can grant Member or Admin, never Owner.'] },
    });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).autoJoinEnabled).toBe(false);
    expect(await enableAutoJoinCommand(builder, form({ organizationId: org.id, role: 'admin', approve: 'yes' }))).toMatchObject({
      ok: true,
    });
  });

  it('an invitation that expired while queued is not mailed, and its delivery record says why', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const email = uniqueEmail('stale');
    const invitation = await invite(org.id, email, clock.now(), { expiresInDays: 1 });
    const pass = await deliverQueuedEmail(await db(), clock.advance(2 * DAY), 20, { organizationId: org.id });
    expect(pass.cancelled).toBeGreaterThanOrEqual(1);
    const outbox = await (await db()).job.findFirstOrThrow({ where: { subjectId: invitation.id } });
    expect(outbox).toMatchObject({ status: 'cancelled', lastError: 'The invitation expired before this email was sent.' });
    expect(await (await db()).devMailboxMessage.count({ where: { to: email } })).toBe(0);
  });

  it('"last end-user activity" on the detail page leaves out the operating team, as the state rules do', async () => {
    const clock = testClock();
    const adminEmail = uniqueEmail('admin');
    const org = await createTestOrganization({
      now: clock.now(),
      build: async (tx, id) => {
        await addMember(tx, id, adminEmail, { role: 'admin' });
        await addActivity(tx, id, new Date(clock.now().getTime() - 3 * DAY), { actorEmail: uniqueEmail('end-user') });
        await addActivity(tx, id, new Date(clock.now().getTime() - DAY), { actorEmail: adminEmail });
      },
    });
    const detail = await getOrganizationDetail(await db(), org.id, clock.now());
    expect(detail?.lastEndUserActivityAt).toEqual(new Date(clock.now().getTime() - 3 * DAY));
  });
});

describe('reading the audit log', () => {
  it('pages newest first by keyset, filters by action and actor, and streams every match', async () => {
    const { listAuditEvents, streamAuditEvents, countAuditEvents, auditQuerySchema } = await import('@/lib/audit/queries');
    const org = await createTestOrganization();
    const base = Date.now();
    for (let i = 0; i < 7; i++) {
      const options = { now: new Date(base + i * 1000) };
      expect(await renameOrganizationCommand(builder, form({ organizationId: org.id, name: `Name ${i}` }), options)).toMatchObject({
        ok: true,
      });
    }
    const client = await db();
    const scope = { organizationId: org.id };
    const first = await listAuditEvents(client, scope, auditQuerySchema.parse({}), 3);
    expect(first.rows.map((r) => (r.summary as { name: { after: string } }).name.after)).toEqual(['Name 6', 'Name 5', 'Name 4']);
    const second = await listAuditEvents(client, scope, auditQuerySchema.parse({ after: first.nextCursor }), 3);
    expect(second.rows.map((r) => (r.summary as { name: { after: string } }).name.after)).toEqual(['Name 3', 'Name 2', 'Name 1']);
    const third = await listAuditEvents(client, scope, auditQuerySchema.parse({ after: second.nextCursor }), 3);
    expect(third.rows).toHaveLength(1);
    expect(third.nextCursor).toBeNull();

    const renamed = auditQuerySchema.parse({ action: 'organization.renamed', actor: builder.email.toUpperCase() });
    expect(await countAuditEvents(client, scope, renamed)).toBe(7);
    expect(await countAuditEvents(client, scope, auditQuerySchema.parse({ actor: 'system' }))).toBe(0);
    expect(await countAuditEvents(client, scope, auditQuerySchema.parse({ actor: 'nobody at all' }))).toBe(0);
    const streamed = [];
    for await (const row of streamAuditEvents(client, scope, renamed, 2)) streamed.push(row.id);
    expect(streamed).toHaveLength(7);
    expect(new Set(streamed).size).toBe(7);
    // Scoped: another organization's log holds none of these.
    const other = await createTestOrganization();
    expect((await listAuditEvents(client, { organizationId: other.id }, auditQuerySchema.parse({}))).rows).toEqual([]);
  });
});
