import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/commands/principal';
import { db } from '@/lib/db/client';
import { addDomain, addInvitation, addMember } from '@/lib/demo/records';
import { reinviteCommand, resendExpiredInvitationsCommand } from '@/lib/invitations/commands';
import { fixTargetsFor } from '@/lib/organizations/queries';
import type { StateReason } from '@/lib/organizations/state';
import { builder, createTestOrganization, form, memberOf, uniqueDomain, uniqueEmail } from '../factories';
import { DAY } from '../support/clock';

const reasonsOf = async (id: string) =>
  ((await (await db()).organization.findUniqueOrThrow({ where: { id } })).stateReasons as unknown as StateReason[]).map((r) => r.code);

async function bouncedOrganization() {
  const bounced = uniqueEmail('typo');
  const org = await createTestOrganization({
    build: (tx, id) =>
      addInvitation(tx, id, bounced, {
        role: 'admin',
        deliveryStatus: 'bounced',
        deliveryError: '550 no such user',
        expiresAt: new Date(Date.now() + 5 * DAY),
      }),
  });
  const invitation = await (await db()).invitation.findFirstOrThrow({ where: { organizationId: org.id } });
  return { org, invitation, bounced };
}

describe('Fix the address and re-invite', () => {
  it('revokes the bounced invitation, invites the corrected address with the same role, and clears the reason', async () => {
    const { org, invitation } = await bouncedOrganization();
    expect(await reasonsOf(org.id)).toEqual(['invitation_bounced']);
    const targets = await fixTargetsFor(
      await db(),
      { ...org, stateReasons: org.stateReasons as unknown as StateReason[], domains: [] },
      new Date(),
    );
    expect(targets.invitationIds).toEqual({ [invitation.email]: invitation.id });

    const corrected = uniqueEmail('fixed');
    const result = await reinviteCommand(
      builder,
      form({ organizationId: org.id, invitationId: invitation.id, email: ` ${corrected.toUpperCase()} ` }),
    );
    expect(result).toMatchObject({ ok: true, data: { email: corrected, previous: invitation.email } });

    const client = await db();
    expect(await client.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ status: 'revoked' });
    const fresh = await client.invitation.findFirstOrThrow({ where: { organizationId: org.id, email: corrected } });
    expect(fresh).toMatchObject({ status: 'pending', role: 'admin', deliveryStatus: 'queued' });
    expect(await client.job.count({ where: { organizationId: org.id, kind: 'email.invitation', status: 'queued' } })).toBe(1);
    expect(await reasonsOf(org.id)).toEqual([]);
    const actions = (await client.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { occurredAt: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['invitation.revoked', 'invitation.sent']));
  });

  it('a bad, a same or a warned address is a field error that keeps the typing and changes nothing', async () => {
    const { org, invitation } = await bouncedOrganization();
    const ref = { organizationId: org.id, invitationId: invitation.id };
    const invalid = await reinviteCommand(builder, form({ ...ref, email: 'not-an-address' }));
    expect(invalid).toMatchObject({ ok: false, code: 'invalid_input', values: { email: 'not-an-address' } });
    if (!invalid.ok) expect(invalid.fieldErrors?.email?.[0]).toBeTruthy();

    const same = await reinviteCommand(builder, form({ ...ref, email: invitation.email }));
    expect(same.ok ? null : same.fieldErrors?.email).toEqual(['That is the same address. Resend the invitation instead.']);

    const consumer = await reinviteCommand(builder, form({ ...ref, email: 'someone@gmail.com' }));
    expect(consumer.ok ? null : consumer.fieldErrors?.email?.[0]).toContain('Send anyway');

    const client = await db();
    expect(await client.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ status: 'pending' });
    expect(await client.invitation.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await reasonsOf(org.id)).toEqual(['invitation_bounced']);

    // Confirmed, the warned address goes out.
    expect(await reinviteCommand(builder, form({ ...ref, email: 'someone@gmail.com', confirmWarnings: 'on' }))).toMatchObject({ ok: true });
  });

  it('another organization’s invitation is "not found", and a member without invitations.send is refused; nothing changes', async () => {
    const { org, invitation } = await bouncedOrganization();
    const other = await createTestOrganization();
    const outsider: Principal = await memberOf(other.id, 'owner');
    const plain: Principal = await memberOf(org.id, 'member');
    const input = form({ organizationId: org.id, invitationId: invitation.id, email: uniqueEmail() });
    expect(await reinviteCommand(outsider, input)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await reinviteCommand(plain, input)).toMatchObject({ ok: false, code: 'forbidden' });
    // The other organization's id with this invitation: still not found.
    expect(await reinviteCommand(builder, { ...input, organizationId: other.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await (await db()).invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ status: 'pending' });
  });
});

describe('Resend expired invitations', () => {
  it('sends every expired invitation again, once per address, and the organization is Pending', async () => {
    const [a, b] = [uniqueEmail('a'), uniqueEmail('b')];
    const past = new Date(Date.now() - DAY);
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addInvitation(tx, id, a, { expiresAt: past, createdAt: new Date(Date.now() - 9 * DAY) });
        await addInvitation(tx, id, b, { status: 'expired', expiresAt: past, createdAt: new Date(Date.now() - 8 * DAY) });
      },
    });
    expect(await reasonsOf(org.id)).toEqual(['invitations_all_expired']);
    const result = await resendExpiredInvitationsCommand(builder, form({ organizationId: org.id }));
    expect(result.ok && [...result.data.emails].sort()).toEqual([a, b].sort());
    const client = await db();
    const rows = await client.invitation.findMany({ where: { organizationId: org.id } });
    expect(rows.every((row) => row.status === 'pending' && row.expiresAt > new Date())).toBe(true);
    expect(await client.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ state: 'pending', stateReasons: [] });
    // Nothing left to resend: a clear message.
    expect(await resendExpiredInvitationsCommand(builder, form({ organizationId: org.id }))).toMatchObject({
      ok: false,
      code: 'nothing_to_send',
    });
  });

  it('another organization’s caller gets "not found" and nothing is resent', async () => {
    const org = await createTestOrganization({
      build: (tx, id) => addInvitation(tx, id, uniqueEmail(), { expiresAt: new Date(Date.now() - DAY) }),
    });
    const other = await createTestOrganization();
    const outsider: Principal = await memberOf(other.id, 'owner');
    expect(await resendExpiredInvitationsCommand(outsider, form({ organizationId: org.id }))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await reasonsOf(org.id)).toEqual(['invitations_all_expired']);
  });
});

describe('fix targets', () => {
  it('name each domain by its name, and only pending invitations behind the reasons', async () => {
    const name = uniqueDomain();
    const org = await createTestOrganization({
      build: async (tx, id) => {
        await addMember(tx, id, uniqueEmail('owner'), { role: 'owner' });
        await addDomain(tx, id, name, { status: 'pending', dependents: ['auto_join'] });
      },
    });
    const client = await db();
    const full = await client.organization.findUniqueOrThrow({ where: { id: org.id }, include: { domains: true } });
    const targets = await fixTargetsFor(client, { ...full, stateReasons: full.stateReasons as unknown as StateReason[] }, new Date());
    expect(targets.domainIds).toEqual({ [name]: full.domains[0]!.id });
    expect(targets.invitationIds).toEqual({});
    expect(await reasonsOf(org.id)).toEqual(['domain_unverified']);
  });
});
