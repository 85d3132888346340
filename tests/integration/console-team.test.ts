import crypto from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sendSignInLink } from '@/lib/auth/sign-in-link';
import { type CommandContext, contextFor } from '@/lib/commands/define';
import type { Principal } from '@/lib/commands/principal';
import { resetConfig } from '@/lib/config';
import { consoleRoleOf, recordConsoleSignIn } from '@/lib/console/access';
import {
  acceptConsoleInvitationCommand,
  changeConsoleRoleCommand,
  inviteConsoleUserCommand,
  reactivateConsoleUserCommand,
  removeConsoleUserCommand,
  resendConsoleInvitationCommand,
  revokeConsoleInvitationCommand,
  suspendConsoleUserCommand,
} from '@/lib/console/commands';
import { changeConsoleRole } from '@/lib/console/mutations';
import { loadTeam } from '@/lib/console/queries';
import { createClient, type Db, db } from '@/lib/db/client';
import { runDueJobs } from '@/lib/jobs/runner';
import { renameOrganizationCommand } from '@/lib/organizations/commands';
import { builder, createTestOrganization, memberOf, uniqueEmail } from '../factories';
import { TEST_BUILDER, TEST_BUILDER_ID } from '../support/env';
import { smtpSinkForTests } from '../support/smtp-hooks';
import { linksIn } from '../support/smtp-sink';

const smtp = smtpSinkForTests();

const as = (role: 'owner' | 'admin' | 'viewer', userId = TEST_BUILDER_ID, email = TEST_BUILDER): Principal => ({
  kind: 'console_user',
  userId,
  email,
  role,
});
const link = (email: string | null = null): Principal => ({ kind: 'invitation_link', email });

async function deliver() {
  return runDueJobs(await db(), { kinds: ['email.console_invitation'] });
}

/** Invites, delivers over SMTP and returns the link's token. */
async function invite(email: string, role: 'owner' | 'admin' | 'viewer' = 'viewer') {
  const result = await inviteConsoleUserCommand(builder, { email, role });
  expect(result).toMatchObject({ ok: true });
  await deliver();
  const mail = await smtp.sink.waitFor((m) => m.to.includes(email));
  const url = linksIn(mail.html).find((href) => href.includes('/console-invite/'));
  expect(url).toBeTruthy();
  return { mail, token: url!.split('/console-invite/')[1]! };
}

/** A console user who accepted an invitation. */
async function consoleUserWith(role: 'owner' | 'admin' | 'viewer') {
  const email = uniqueEmail(`console-${role}`);
  const { token } = await invite(email, role);
  const accepted = await acceptConsoleInvitationCommand(link(), { token });
  if (!accepted.ok) throw new Error(accepted.message);
  return { userId: accepted.data.userId, email };
}

const refusalsOf = async (command: string) =>
  (await db()).auditEvent.findMany({
    where: { action: 'command.refused', targetId: command },
    select: { actorEmail: true, organizationId: true, summary: true },
  });

describe('console invitations', () => {
  it('sends the email over SMTP; accepting gives console access with the role and no membership anywhere', async () => {
    const email = uniqueEmail('newcomer');
    const { mail, token } = await invite(email, 'admin');
    expect(mail.subject).toBe("You're invited to the Orgdesk console at orgdesk.test:3000");
    expect(mail.html).toContain('<strong>Admin</strong>');
    expect(mail.html).toContain(TEST_BUILDER);
    const client = await db();
    const invitation = await client.consoleInvitation.findFirstOrThrow({ where: { email } });
    expect(invitation).toMatchObject({ role: 'admin', status: 'pending', deliveryStatus: 'sent', sendCount: 1 });
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(await consoleRoleOf(client, email)).toBeNull();

    const accepted = await acceptConsoleInvitationCommand(link(), { token });
    expect(accepted).toMatchObject({ ok: true, data: { email, role: 'admin' } });
    expect(await consoleRoleOf(client, email)).toBe('admin');
    const user = await client.user.findUniqueOrThrow({ where: { email }, include: { memberships: true, consoleUser: true } });
    expect(user.memberships).toEqual([]);
    expect(user.consoleUser).toMatchObject({ role: 'admin', source: 'invitation', status: 'active', invitedByEmail: TEST_BUILDER });
    expect(await client.auditEvent.findMany({ where: { targetId: { in: [invitation.id, user.id] } }, select: { action: true } })).toEqual(
      expect.arrayContaining([{ action: 'console_invitation.sent' }, { action: 'console_invitation.accepted' }]),
    );
    // The link is spent: a second accept is refused and changes nothing.
    expect(await acceptConsoleInvitationCommand(link(), { token })).toMatchObject({ ok: false, code: 'accepted' });
    // Their console sign-in link now goes out.
    expect((await sendSignInLink(email, `http://x/api/auth/callback/nodemailer?callbackUrl=%2Forganizations&email=${email}`)).sent).toBe(
      true,
    );
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const client = await db();
    const before = await client.consoleInvitation.count();
    expect(await inviteConsoleUserCommand(builder, { email: 'not an address', role: 'viewer' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { email: [expect.any(String)] },
      values: { email: 'not an address' },
    });
    expect(await inviteConsoleUserCommand(builder, { email: uniqueEmail(), role: 'superuser' })).toMatchObject({
      ok: false,
      fieldErrors: { role: ['Choose Owner, Admin or Viewer.'] },
    });
    expect(await inviteConsoleUserCommand(builder, { email: uniqueEmail(), role: 'viewer', expiresInDays: '99' })).toMatchObject({
      ok: false,
      fieldErrors: { expiresInDays: [expect.stringContaining('1 to 30')] },
    });
    // ADMIN_EMAILS owners and existing console users already have access.
    expect(await inviteConsoleUserCommand(builder, { email: TEST_BUILDER })).toMatchObject({
      ok: false,
      code: 'already_console_user',
      fieldErrors: { email: [expect.stringContaining('ADMIN_EMAILS')] },
    });
    const existing = await consoleUserWith('viewer');
    const again = await inviteConsoleUserCommand(builder, { email: existing.email, role: 'admin' });
    expect(again).toMatchObject({
      ok: false,
      code: 'already_console_user',
      fieldErrors: { email: [expect.stringContaining('Change their role')] },
    });
    // One pending invitation per address.
    const pending = uniqueEmail('pending');
    expect(await inviteConsoleUserCommand(builder, { email: pending })).toMatchObject({ ok: true });
    expect(await inviteConsoleUserCommand(builder, { email: pending })).toMatchObject({ ok: false, code: 'already_console_user' });
    expect(await client.consoleInvitation.count()).toBe(before + 2);
  });

  it('resend replaces the link; revoke kills it; neither reaches another console invitation', async () => {
    const email = uniqueEmail('rotate');
    const { token: first } = await invite(email);
    const invitation = await (await db()).consoleInvitation.findFirstOrThrow({ where: { email } });
    expect(await resendConsoleInvitationCommand(builder, { invitationId: invitation.id })).toMatchObject({ ok: true });
    await deliver();
    const second = await smtp.sink.waitFor((m) => m.to.includes(email) && !m.html.includes(first));
    const token = linksIn(second.html)
      .find((href) => href.includes('/console-invite/'))!
      .split('/console-invite/')[1]!;
    expect(await acceptConsoleInvitationCommand(link(), { token: first })).toMatchObject({ ok: false, code: 'unknown' });
    expect(await revokeConsoleInvitationCommand(builder, { invitationId: invitation.id })).toMatchObject({ ok: true });
    expect(await acceptConsoleInvitationCommand(link(), { token })).toMatchObject({ ok: false, code: 'revoked' });
    expect(await consoleRoleOf(await db(), email)).toBeNull();
    expect(await revokeConsoleInvitationCommand(builder, { invitationId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('refuses a visitor signed in as someone else', async () => {
    const email = uniqueEmail('wrong');
    const { token } = await invite(email);
    expect(await acceptConsoleInvitationCommand(link(uniqueEmail('other')), { token })).toMatchObject({ ok: false, code: 'wrong_account' });
    expect(await consoleRoleOf(await db(), email)).toBeNull();
  });
});

describe('console roles on every command', () => {
  it('a Viewer and an Admin can’t manage the console team: refused, audited, nothing changed', async () => {
    const target = await consoleUserWith('viewer');
    const client = await db();
    for (const role of ['viewer', 'admin'] as const) {
      const actor = as(role, crypto.randomUUID(), uniqueEmail(role));
      expect(await changeConsoleRoleCommand(actor, { userId: target.userId, role: 'owner' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await inviteConsoleUserCommand(actor, { email: uniqueEmail() })).toMatchObject({ ok: false, code: 'forbidden' });
      expect((await refusalsOf('console.change_role')).map((e) => e.actorEmail)).toContain((actor as { email: string }).email);
    }
    expect(await client.consoleUser.findUniqueOrThrow({ where: { userId: target.userId } })).toMatchObject({ role: 'viewer' });
  });

  it('an organization’s owner, acting as a member, can’t reach the console team at all', async () => {
    const org = await createTestOrganization();
    const owner = await memberOf(org.id, 'owner');
    const target = await consoleUserWith('viewer');
    expect(await changeConsoleRoleCommand(owner, { userId: target.userId, role: 'owner' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await inviteConsoleUserCommand(owner, { email: uniqueEmail('sneaky') })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await consoleRoleOf(await db(), target.email)).toBe('viewer');
  });

  it('a Viewer can’t change an organization either: refused with the organization on the audit event', async () => {
    const org = await createTestOrganization({ name: 'Viewer proof' });
    const viewer = as('viewer', crypto.randomUUID(), uniqueEmail('viewer'));
    expect(await renameOrganizationCommand(viewer, { organizationId: org.id, name: 'Renamed' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    await expect((await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).resolves.toMatchObject({ name: 'Viewer proof' });
    const refusal = (await refusalsOf('organizations.rename')).find((e) => e.actorEmail === (viewer as { email: string }).email);
    expect(refusal).toMatchObject({ organizationId: org.id, summary: { permission: 'organizations.manage', reason: 'forbidden' } });
    // An Admin may.
    expect(await renameOrganizationCommand(as('admin'), { organizationId: org.id, name: 'Renamed' })).toMatchObject({ ok: true });
  });
});

describe('the Team page’s changes', () => {
  it('an owner changes a role, suspends (ending console sessions only), reactivates and removes', async () => {
    const person = await consoleUserWith('viewer');
    const client = await db();
    expect(await changeConsoleRoleCommand(builder, { userId: person.userId, role: 'admin' })).toMatchObject({ ok: true });
    expect(await consoleRoleOf(client, person.email)).toBe('admin');
    const expires = new Date(Date.now() + 86_400_000);
    await client.session.createMany({
      data: [
        { sessionToken: `c-${person.userId}`, userId: person.userId, expires, audience: 'console' },
        { sessionToken: `m-${person.userId}`, userId: person.userId, expires, audience: 'member' },
      ],
    });
    expect(await suspendConsoleUserCommand(builder, { userId: person.userId })).toMatchObject({ ok: true });
    expect(await consoleRoleOf(client, person.email)).toBeNull();
    expect((await client.session.findMany({ where: { userId: person.userId } })).map((s) => s.audience)).toEqual(['member']);
    // A suspended console user gets no console sign-in link.
    expect(
      (await sendSignInLink(person.email, `http://x/api/auth/callback/nodemailer?callbackUrl=%2Fteam&email=${person.email}`)).sent,
    ).toBe(false);
    expect(await reactivateConsoleUserCommand(builder, { userId: person.userId })).toMatchObject({ ok: true });
    expect(await consoleRoleOf(client, person.email)).toBe('admin');
    expect(await removeConsoleUserCommand(builder, { userId: person.userId })).toMatchObject({ ok: true });
    expect(await client.consoleUser.findUnique({ where: { userId: person.userId } })).toBeNull();
    expect(await client.user.findUnique({ where: { id: person.userId } })).not.toBeNull();
    const actions = await client.auditEvent.findMany({
      where: { targetId: person.userId, action: { startsWith: 'console_user.' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'console_user.role_changed',
      'console_user.suspended',
      'console_user.reactivated',
      'console_user.removed',
    ]);
    expect(actions[0]!.summary).toEqual({ role: { before: 'viewer', after: 'admin' } });
    expect(await changeConsoleRoleCommand(builder, { userId: crypto.randomUUID(), role: 'admin' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('an ADMIN_EMAILS owner is changed only through the variable, and nobody suspends themselves', async () => {
    const client = await db();
    await recordConsoleSignIn(client, { id: TEST_BUILDER_ID, email: TEST_BUILDER }, new Date());
    expect(await client.consoleUser.findUniqueOrThrow({ where: { userId: TEST_BUILDER_ID } })).toMatchObject({
      source: 'bootstrap',
      role: 'owner',
    });
    expect(await changeConsoleRoleCommand(builder, { userId: TEST_BUILDER_ID, role: 'viewer' })).toMatchObject({
      ok: false,
      code: 'from_admin_emails',
    });
    expect(await removeConsoleUserCommand(builder, { userId: TEST_BUILDER_ID })).toMatchObject({ ok: false, code: 'from_admin_emails' });
    const owner = await consoleUserWith('owner');
    const self = as('owner', owner.userId, owner.email);
    expect(await suspendConsoleUserCommand(self, { userId: owner.userId })).toMatchObject({ ok: false, code: 'not_yourself' });
    expect(await consoleRoleOf(client, owner.email)).toBe('owner');
    const team = await loadTeam(client, new Date());
    expect(team.users.find((u) => u.userId === TEST_BUILDER_ID)).toMatchObject({ role: 'owner', source: 'bootstrap' });
    expect(team.users.find((u) => u.userId === owner.userId)).toMatchObject({ role: 'owner', source: 'invitation' });
    expect(team.bootstrapDomains).toEqual(['builders.orgdesk.test']);
  });
});

describe('the console keeps an owner', () => {
  beforeEach(async () => {
    // Only an @domain entry nobody has used: the invited owners are the console's only owners.
    process.env.ADMIN_EMAILS = '@nobody-signed-in.test';
    resetConfig();
    await (await db()).consoleUser.updateMany({ where: { source: 'invitation', role: 'owner' }, data: { role: 'admin' } });
  });
  afterAll(() => {
    process.env.ADMIN_EMAILS = `${TEST_BUILDER}, @builders.orgdesk.test`;
    resetConfig();
  });

  it('refuses removing, suspending or demoting the last owner', async () => {
    const client = await db();
    const owner = await client.user.create({ data: { email: uniqueEmail('last-owner') } });
    await client.consoleUser.create({ data: { userId: owner.id, role: 'owner', source: 'invitation' } });
    const other = as('owner', crypto.randomUUID(), uniqueEmail('someone'));
    expect(await removeConsoleUserCommand(other, { userId: owner.id })).toMatchObject({ ok: false, code: 'last_console_owner' });
    expect(await suspendConsoleUserCommand(other, { userId: owner.id })).toMatchObject({ ok: false, code: 'last_console_owner' });
    expect(await changeConsoleRoleCommand(other, { userId: owner.id, role: 'admin' })).toMatchObject({
      ok: false,
      code: 'last_console_owner',
      message: expect.stringContaining('Make someone else an owner first'),
    });
    expect(await client.consoleUser.findUniqueOrThrow({ where: { userId: owner.id } })).toMatchObject({ role: 'owner', status: 'active' });
    await client.consoleUser.update({ where: { userId: owner.id }, data: { role: 'admin' } });
  });

  it('two concurrent demotions of the last two owners leave one owner', async () => {
    const client = await db();
    const a = await client.user.create({ data: { email: uniqueEmail('owner-a') } });
    const b = await client.user.create({ data: { email: uniqueEmail('owner-b') } });
    await client.consoleUser.createMany({
      data: [
        { userId: a.id, role: 'owner', source: 'invitation' },
        { userId: b.id, role: 'owner', source: 'invitation' },
      ],
    });
    const url = process.env.TEST_DATABASE_URL;
    // On PostgreSQL the second request has its own pool, as a second app instance would.
    const second: Db = url ? await createClient({ kind: 'postgres', url }) : client;
    const context = (principal: Principal): CommandContext => contextFor(principal, new Date());
    const results = await Promise.all([
      changeConsoleRole(client, context(as('owner', b.id, b.email)), { userId: a.id, role: 'admin' }),
      changeConsoleRole(second, context(as('owner', a.id, a.email)), { userId: b.id, role: 'admin' }),
    ]);
    if (second !== client) await second.$disconnect();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['last_console_owner']);
    expect(await client.consoleUser.count({ where: { userId: { in: [a.id, b.id] }, role: 'owner' } })).toBe(1);
  });
});
