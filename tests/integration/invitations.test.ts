import { describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { createClient, type Db, db } from '@/lib/db/client';
import { addDomain, addMember } from '@/lib/demo/records';
import { acceptInvitation, lookupInvitationToken } from '@/lib/invitations/accept';
import {
  resendInvitationCommand,
  revokeInvitationCommand,
  sendInvitationsCommand,
  sendTestInvitationCommand,
} from '@/lib/invitations/commands';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { createInvitations, resendInvitation, reviewInvitations, revokeInvitation, sendTestInvitation } from '@/lib/invitations/mutations';
import { at, builder, createTestOrganization, form, uniqueDomain, uniqueEmail } from '../factories';
import { DAY, HOUR, MINUTE, testClock } from '../support/clock';
import { smtpSinkForTests } from '../support/smtp-hooks';
import { linksIn } from '../support/smtp-sink';

const smtp = smtpSinkForTests({ rejectRecipients: (address) => address.startsWith('bounce-') });

function send(
  organizationId: string,
  addresses: string,
  now: Date,
  extra: Partial<{ role: 'member' | 'admin' | 'owner'; expiresInDays: number; confirm: string[] }> = {},
) {
  return (async () =>
    createInvitations(await db(), at(now), {
      organizationId,
      addresses,
      role: extra.role ?? 'member',
      expiresInDays: extra.expiresInDays ?? 7,
      confirm: extra.confirm ?? [],
    }))();
}

/** Delivers everything due for this organization's invitations and returns the accept token sent to `to`. */
async function deliverAndReadToken(to: string, now: Date) {
  const client = await db();
  // Only this invitation's organization: on a shared PostgreSQL, other test files queue mail too.
  const { organizationId } = await client.invitation.findFirstOrThrow({ where: { email: to }, orderBy: { createdAt: 'desc' } });
  await deliverQueuedEmail(client, now, 20, { organizationId });
  const mail = await smtp.sink.waitFor((m) => m.to.includes(to) && !seenMail.has(m));
  seenMail.add(mail);
  const link = linksIn(mail.html).find((href) => href.includes('/invite/'))!;
  return { mail, link, token: link.split('/invite/')[1]! };
}
const seenMail = new Set<object>();

async function invitationFor(organizationId: string, email: string) {
  return (await db()).invitation.findFirstOrThrow({ where: { organizationId, email }, orderBy: { createdAt: 'desc' } });
}

async function orgState(id: string) {
  return (await (await db()).organization.findUniqueOrThrow({ where: { id } })).state;
}

describe('review', () => {
  it('marks every pasted address: ready, invalid, duplicate, member, pending, and warnings', async () => {
    const clock = testClock();
    // One organization at a time may hold a domain verified: each test verifies its own.
    const acme = uniqueDomain('acme');
    const memberEmail = uniqueEmail('member', acme);
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, memberEmail, { role: 'owner' });
        await addDomain(tx, id, acme, { status: 'verified' });
      },
    });
    const pendingEmail = uniqueEmail('pending', acme);
    expect((await send(org.id, pendingEmail, clock.now())).ok).toBe(true);
    const ready = uniqueEmail('ready', acme);
    const outside = uniqueEmail('outside', 'other.org');
    const consumer = uniqueEmail('consumer', 'gmail.com');
    const input = `email,name\n${ready.toUpperCase()},Ready\n"a@evil.com x"@corp.com,Quoted\nuser@corp.com(x)evil.com,Comment\n${ready},Dup\n${memberEmail},Member\n${pendingEmail},Pending\n${outside},Outside\n${consumer},Consumer\nboss＠${acme},Fullwidth`;
    const result = await reviewInvitations(await db(), at(clock.now()), {
      organizationId: org.id,
      addresses: input,
      role: 'member',
      expiresInDays: 7,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows.map((r) => [r.address ?? r.input, r.status, r.warnings])).toEqual([
      [ready, 'ready', []],
      // CSV unquotes the cell; what remains is still not one address.
      ['a@evil.com x@corp.com', 'invalid', []],
      ['user@corp.com(x)evil.com', 'invalid', []],
      [ready, 'duplicate', []],
      [memberEmail, 'member', []],
      [pendingEmail, 'pending', []],
      [outside, 'ready', ['outside_verified_domains']],
      [consumer, 'ready', ['outside_verified_domains', 'consumer_domain']],
      [`boss＠${acme}`, 'invalid', []],
    ]);
    expect(result.data.rows[2]!.reason).toBe('Addresses with comments in parentheses aren’t accepted.');
  });

  it('sends only ready addresses, plus warned ones the builder confirmed; never the rest', async () => {
    const clock = testClock();
    const acme = uniqueDomain('acme');
    const org = await createTestOrganization({ build: (tx, id) => addDomain(tx, id, acme, { status: 'verified' }) });
    const ready = uniqueEmail('ready', acme);
    const outside = uniqueEmail('outside', 'elsewhere.org');
    const unconfirmed = uniqueEmail('unconfirmed', 'elsewhere.org');
    const result = await send(org.id, `${ready}\nnot-an-address\n${outside}\n${unconfirmed}`, clock.now(), { confirm: [outside] });
    expect(result.ok && result.data.sent).toEqual([ready, outside]);
    const stored = await (await db()).invitation.findMany({ where: { organizationId: org.id } });
    expect(stored.map((i) => i.email).sort()).toEqual([ready, outside].sort());
  });

  it('nothing sendable is a clear error that writes nothing', async () => {
    const org = await createTestOrganization();
    const result = await send(org.id, 'nope, also nope', new Date());
    expect(result).toMatchObject({ ok: false, code: 'nothing_to_send' });
    expect(await (await db()).invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await (await db()).job.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('the form schema rejects a bad lifetime and role with field errors', async () => {
    const org = await createTestOrganization();
    const result = await sendInvitationsCommand(
      builder,
      form({ organizationId: org.id, addresses: uniqueEmail(), role: 'Super User!', expiresInDays: '31' }),
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    if (result.ok) return;
    expect(result.fieldErrors?.expiresInDays).toEqual(['Choose 1 to 30 days.']);
    expect(result.fieldErrors?.role).toEqual(['Choose a role.']);
    // A role that doesn't exist here is refused beside the field too.
    const unknown = await sendInvitationsCommand(builder, form({ organizationId: org.id, addresses: uniqueEmail(), role: 'superuser' }));
    expect(unknown).toMatchObject({
      ok: false,
      code: 'role_not_allowed',
      fieldErrors: { role: ['Choose one of this organization’s roles.'] },
    });
    expect(await (await db()).invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('a list over 50,000 characters is refused with the list-too-long message, and nothing is written', async () => {
    const org = await createTestOrganization();
    const result = await sendInvitationsCommand(builder, form({ organizationId: org.id, addresses: 'a@example.com\n'.repeat(4_000) }));
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { addresses: ['That list is too long. Paste at most 200 addresses at a time.'] },
    });
    expect(await (await db()).invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe('delivery through a real SMTP server', () => {
  it('queues in the same transaction, then sends the email with the org, inviter, role, expiry and link', async () => {
    const clock = testClock();
    const org = await createTestOrganization({ name: 'Globex Pilot' });
    const to = uniqueEmail('ops', 'globex.example');
    await send(org.id, to, clock.now(), { role: 'admin', expiresInDays: 3 });
    const queued = await invitationFor(org.id, to);
    expect(queued.deliveryStatus).toBe('queued');
    expect(await orgState(org.id)).toBe('pending');
    const { mail, link, token } = await deliverAndReadToken(to, clock.now());
    expect(mail.to).toEqual([to]);
    expect(mail.subject).toBe("You're invited to join Globex Pilot");
    // The sender names the inviter and the organization, from EMAIL_FROM's address.
    expect(mail.fromHeader).toMatch(/^"?builder at Globex Pilot via Orgdesk"? <[^>]+>$/);
    expect(mail.html).toContain('builder@orgdesk.test');
    expect(mail.html).toContain('<strong>Admin</strong>');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain(`${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(queued.expiresAt)}`);
    expect(link.startsWith('http://orgdesk.test:3000/invite/')).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The database holds only the token's hash.
    const sent = await invitationFor(org.id, to);
    expect(sent.tokenHash).not.toContain(token);
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(sent).toMatchObject({ deliveryStatus: 'sent', sendCount: 1 });
    expect(sent.lastSentAt).toEqual(clock.now());
  });

  it('SMTP down: nothing is lost; the invitation waits as queued and goes out when SMTP returns', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('later');
    process.env.SMTP_URL = 'smtp://127.0.0.1:9?tls=off';
    resetConfig();
    await send(org.id, to, clock.now());
    const first = await deliverQueuedEmail(await db(), clock.now(), 20, { organizationId: org.id });
    expect(first.retry).toBeGreaterThanOrEqual(1);
    const waiting = await invitationFor(org.id, to);
    expect(waiting.deliveryStatus).toBe('queued');
    expect(waiting.deliveryError).toContain('Could not connect to the SMTP server');
    expect(await orgState(org.id)).toBe('pending');
    // Not due again before its backoff.
    expect((await deliverQueuedEmail(await db(), clock.advance(10_000), 20, { organizationId: org.id })).claimed).toBe(0);
    process.env.SMTP_URL = smtp.sink.url;
    resetConfig();
    await deliverAndReadToken(to, clock.advance(2 * MINUTE));
    expect(await invitationFor(org.id, to)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null, sendCount: 1 });
  });

  it('a refused recipient is a bounce: the organization needs attention, naming the address', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('bounce-x');
    await send(org.id, to, clock.now());
    await deliverQueuedEmail(await db(), clock.now(), 20, { organizationId: org.id });
    const invitation = await invitationFor(org.id, to);
    expect(invitation.deliveryStatus).toBe('bounced');
    expect(invitation.deliveryError).toContain('refused the message (550');
    const stored = await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.state).toBe('needs_attention');
    expect(JSON.stringify(stored.stateReasons)).toContain(to);
  });

  it('two dispatchers racing send each email exactly once', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const addresses = Array.from({ length: 8 }, () => uniqueEmail('race'));
    await send(org.id, addresses.join('\n'), clock.now());
    const url = process.env.TEST_DATABASE_URL;
    // On PostgreSQL the second dispatcher has its own connection pool, as a second instance would.
    const second: Db = url ? await createClient({ kind: 'postgres', url }) : await db();
    const [a, b] = await Promise.all([
      deliverQueuedEmail(await db(), clock.now(), 5, { organizationId: org.id }),
      deliverQueuedEmail(second, clock.now(), 5, { organizationId: org.id }),
    ]);
    await deliverQueuedEmail(await db(), clock.now(), 20, { organizationId: org.id });
    if (url) await second.$disconnect();
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(5);
    for (const address of addresses) {
      await smtp.sink.waitFor((m) => m.to.includes(address));
      expect(smtp.sink.messages.filter((m) => m.to.includes(address))).toHaveLength(1);
    }
  });
});

describe('accept', () => {
  it('joins with the invited role, verifies the email, moves the state to Ready; single use', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    expect(org.state).toBe('setup');
    const to = uniqueEmail('joiner');
    await send(org.id, to, clock.now(), { role: 'owner' });
    expect(await orgState(org.id)).toBe('pending');
    const { token } = await deliverAndReadToken(to, clock.now());
    const accepted = await acceptInvitation(await db(), token, null, clock.advance(HOUR));
    expect(accepted.ok).toBe(true);
    const client = await db();
    const user = await client.user.findUniqueOrThrow({ where: { email: to } });
    expect(user.emailVerified).toEqual(clock.now());
    const membership = await client.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
    });
    expect(membership).toMatchObject({ role: 'owner', status: 'active' });
    expect(await orgState(org.id)).toBe('ready');
    expect(await acceptInvitation(client, token, null, clock.now())).toMatchObject({ ok: false, code: 'accepted' });
    expect((await lookupInvitationToken(client, token, clock.now())).kind).toBe('found');
  });

  it('two simultaneous accepts make exactly one membership', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('twice');
    await send(org.id, to, clock.now());
    const { token } = await deliverAndReadToken(to, clock.now());
    const results = await Promise.all([
      acceptInvitation(await db(), token, null, clock.now()),
      acceptInvitation(await db(), token, null, clock.now()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'accepted' });
    expect(await (await db()).membership.count({ where: { organizationId: org.id } })).toBe(1);
    // The loser wrote nothing: one acceptance event, one user.
    expect(await (await db()).auditEvent.count({ where: { organizationId: org.id, action: 'invitation.accepted' } })).toBe(1);
    expect(await (await db()).user.count({ where: { email: to } })).toBe(1);
  });

  it('expiry at the injected clock: an expired link is refused, and every-invitation-expired needs attention', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('late');
    await send(org.id, to, clock.now(), { expiresInDays: 1 });
    const { token } = await deliverAndReadToken(to, clock.now());
    const expiredAt = clock.advance(DAY);
    expect(await acceptInvitation(await db(), token, null, expiredAt)).toMatchObject({ ok: false, code: 'expired' });
    expect(await (await db()).membership.count({ where: { organizationId: org.id } })).toBe(0);
    const { findOrganizationBySlug } = await import('@/lib/organizations/queries');
    const found = await findOrganizationBySlug(await db(), org.slug, expiredAt);
    expect(found.kind === 'found' && found.organization.state).toBe('needs_attention');
    expect(found.kind === 'found' && found.organization.stateReasons[0]?.code).toBe('invitations_all_expired');
  });

  it('refuses a visitor signed in with a different address, and joins nobody', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('right');
    await send(org.id, to, clock.now());
    const { token } = await deliverAndReadToken(to, clock.now());
    const result = await acceptInvitation(await db(), token, uniqueEmail('someone-else'), clock.now());
    expect(result).toMatchObject({ ok: false, code: 'wrong_account' });
    expect((await invitationFor(org.id, to)).status).toBe('pending');
    expect(await (await db()).membership.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('an unknown or malformed token reveals nothing', async () => {
    const client = await db();
    expect(await lookupInvitationToken(client, 'x'.repeat(43), new Date())).toEqual({ kind: 'unknown' });
    expect(await lookupInvitationToken(client, "' OR 1=1 --", new Date())).toEqual({ kind: 'unknown' });
    expect(await acceptInvitation(client, 'y'.repeat(43), null, new Date())).toMatchObject({ ok: false, code: 'unknown' });
  });
});

describe('resend, revoke, test invitations', () => {
  it('resend rotates the token (the old link says so), renews the expiry and sends again', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('resend');
    await send(org.id, to, clock.now(), { expiresInDays: 2 });
    const first = await deliverAndReadToken(to, clock.now());
    const before = await invitationFor(org.id, to);
    const later = clock.advance(3 * DAY);
    const result = await resendInvitation(await db(), at(later), { organizationId: org.id, invitationId: before.id });
    expect(result.ok).toBe(true);
    const second = await deliverAndReadToken(to, later);
    expect(second.token).not.toBe(first.token);
    expect((await lookupInvitationToken(await db(), first.token, later)).kind).toBe('rotated');
    expect(await acceptInvitation(await db(), first.token, null, later)).toMatchObject({ ok: false, code: 'rotated' });
    const renewed = await invitationFor(org.id, to);
    expect(renewed.expiresAt).toEqual(new Date(later.getTime() + 2 * DAY));
    expect(renewed).toMatchObject({ status: 'pending', sendCount: 2 });
    expect((await acceptInvitation(await db(), second.token, null, later)).ok).toBe(true);
  });

  it('resend is limited to three an hour per invitation, with a clear message', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('limit');
    await send(org.id, to, clock.now());
    const invitation = await invitationFor(org.id, to);
    for (let i = 0; i < 3; i++)
      expect(
        (await resendInvitation(await db(), at(clock.advance(MINUTE)), { organizationId: org.id, invitationId: invitation.id })).ok,
      ).toBe(true);
    const refused = await resendInvitation(await db(), at(clock.advance(MINUTE)), { organizationId: org.id, invitationId: invitation.id });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    if (!refused.ok) expect(refused.message).toMatch(/sent 3 times in the last hour\. Wait \d+ minutes/);
  });

  it('revoke kills the link at once and drops queued mail; only pending invitations can be revoked', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const to = uniqueEmail('revoke');
    await send(org.id, to, clock.now());
    const invitation = await invitationFor(org.id, to);
    expect((await revokeInvitation(await db(), at(clock.now()), { organizationId: org.id, invitationId: invitation.id })).ok).toBe(true);
    expect(await (await db()).job.findFirst({ where: { subjectId: invitation.id } })).toMatchObject({
      status: 'cancelled',
      lastError: 'The invitation was revoked before this email was sent.',
    });
    expect(await deliverQueuedEmail(await db(), clock.now(), 20, { organizationId: org.id })).toMatchObject({ sent: 0 });
    expect(await orgState(org.id)).toBe('setup');
    expect(await revokeInvitation(await db(), at(clock.now()), { organizationId: org.id, invitationId: invitation.id })).toMatchObject({
      ok: false,
      code: 'not_revocable',
    });
    expect(await resendInvitation(await db(), at(clock.now()), { organizationId: org.id, invitationId: invitation.id })).toMatchObject({
      ok: false,
      code: 'not_resendable',
    });
  });

  it('a test invitation goes to the builder, is recorded, never counts, and can’t be accepted', async () => {
    const clock = testClock();
    const org = await createTestOrganization({ name: 'Test Target' });
    const result = await sendTestInvitation(await db(), at(clock.now()), { organizationId: org.id, role: 'member', expiresInDays: 7 });
    expect(result.ok).toBe(true);
    expect(await orgState(org.id)).toBe('setup');
    const { mail, token } = await deliverAndReadToken(builder.email, clock.now());
    expect(mail.subject).toBe("[Test] You're invited to join Test Target");
    expect(mail.text).toContain('This is a test invitation.');
    expect(await acceptInvitation(await db(), token, null, clock.now())).toMatchObject({ ok: false, code: 'test' });
    expect(await (await db()).invitation.count({ where: { organizationId: org.id, isTest: true } })).toBe(1);
    expect(await orgState(org.id)).toBe('setup');
  });
});

describe('every invitation action is scoped to its organization', () => {
  it.each([
    ['resend', resendInvitationCommand],
    ['revoke', revokeInvitationCommand],
  ] as const)('%s with another organization’s invitation answers not found and changes nothing', async (_name, command) => {
    const clock = testClock();
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization();
    const to = uniqueEmail('theirs');
    await send(theirs.id, to, clock.now());
    const invitation = await invitationFor(theirs.id, to);
    const result = await command(builder, form({ organizationId: mine.id, invitationId: invitation.id }));
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    expect(await invitationFor(theirs.id, to)).toEqual(invitation);
  });

  it.each([
    ['send', (id: string) => sendInvitationsCommand(null, form({ organizationId: id, addresses: uniqueEmail() }))],
    ['test', (id: string) => sendTestInvitationCommand(null, form({ organizationId: id }))],
    [
      'resend',
      (id: string) => resendInvitationCommand(null, form({ organizationId: id, invitationId: '00000000-0000-4000-8000-000000000000' })),
    ],
    [
      'revoke',
      (id: string) => revokeInvitationCommand(null, form({ organizationId: id, invitationId: '00000000-0000-4000-8000-000000000000' })),
    ],
  ] as const)('%s without a builder session is refused and writes nothing', async (_name, run) => {
    const org = await createTestOrganization();
    expect(await run(org.id)).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await (await db()).invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('sending to an unknown organization is not found', async () => {
    const result = await sendInvitationsCommand(
      builder,
      form({ organizationId: '00000000-0000-4000-8000-000000000000', addresses: uniqueEmail() }),
    );
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });
});
