import { describe, expect, it } from 'vitest';
import { addRoleMappingCommand, previewRoleMappingsCommand } from '@/lib/access/commands';
import type { ConsoleUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { addDomain, addMember } from '@/lib/demo/records';
import { sendTestInvitationCommand } from '@/lib/invitations/commands';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { recordMemberSignIn } from '@/lib/members/sign-in';
import { checkLaunchNowCommand, markLaunchedCommand } from '@/lib/organizations/commands';
import { loadLaunchStatus } from '@/lib/organizations/launch-status';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { builder, createTestOrganization, memberOf, uniqueDomain, uniqueEmail } from '../factories';
import { smtpSinkForTests } from '../support/smtp-hooks';

const smtp = smtpSinkForTests({});

const statusOf = async (organizationId: string) => (await loadLaunchStatus(await db(), organizationId, new Date()))!;
const checkOf = async (organizationId: string, key: string) => (await statusOf(organizationId)).checks.find((c) => c.key === key)!;
const stored = async (organizationId: string) =>
  (await db()).organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { launchPassed: true, launchApplicable: true, launchFailing: true, launchedAt: true, launchOverrideReason: true },
  });
const recompute = async (organizationId: string) =>
  (await db()).$transaction((tx) => recomputeOrganizationState(tx, organizationId, new Date()));

const consoleAdmin: ConsoleUser = { ...builder, role: 'admin' };

describe('the launch check against recorded facts', () => {
  it('goes from four failing facts to every check green, stored for the list as it goes', async () => {
    const client = await db();
    const org = await createTestOrganization();
    expect(await stored(org.id)).toMatchObject({
      launchPassed: 1,
      launchApplicable: 4,
      launchFailing: ['member_accepted', 'login_confirmed', 'invitation_email'],
    });

    // A test invitation, delivered through the real SMTP sink: the email check passes with its sender.
    const sent = await sendTestInvitationCommand(builder, { organizationId: org.id, role: 'member', expiresInDays: '7' });
    expect(sent.ok).toBe(true);
    expect((await checkOf(org.id, 'invitation_email')).detail).toContain('hasn’t been delivered yet');
    // "Check now" reads the delivery (sending what is still queued) and recomputes.
    expect(await checkLaunchNowCommand(builder, { organizationId: org.id, step: 'invitation' })).toMatchObject({
      ok: true,
      data: { done: expect.stringContaining('is sent') },
    });
    await smtp.sink.waitFor((mail) => mail.to.includes(builder.email) && mail.subject.startsWith('[Test]'));
    expect(await checkOf(org.id, 'invitation_email')).toMatchObject({
      status: 'passed',
      detail: `A test invitation was delivered to ${builder.email}, sent by ${builder.email}.`,
      previewInvitation: true,
    });
    expect((await stored(org.id)).launchFailing).toEqual(['member_accepted', 'login_confirmed']);

    // An admin who accepted an invitation, then signed in: both member checks pass.
    const admin = uniqueEmail('admin');
    await client.$transaction(async (tx) => {
      await addMember(tx, org.id, admin, { role: 'admin', joinedVia: 'invitation' });
      await recomputeOrganizationState(tx, org.id, new Date());
    });
    expect(await checkOf(org.id, 'member_accepted')).toMatchObject({ status: 'passed', detail: `${admin} accepted an invitation.` });
    expect(await checkOf(org.id, 'login_confirmed')).toMatchObject({ status: 'failed', fix: { section: 'members' } });
    const user = await client.user.findUniqueOrThrow({ where: { email: admin } });
    await recordMemberSignIn(client, user.id, new Date());
    expect(await checkOf(org.id, 'login_confirmed')).toMatchObject({ status: 'passed', detail: `${admin} signed in.` });
    expect(await stored(org.id)).toMatchObject({ launchPassed: 4, launchApplicable: 4, launchFailing: [] });

    // Auto-join on a pending domain: the domain check applies and fails until it is verified.
    const domain = uniqueDomain('launch');
    await client.$transaction(async (tx) => {
      await addDomain(tx, org.id, domain, { status: 'pending', dependents: ['auto_join'] });
      await tx.organization.update({
        where: { id: org.id },
        data: { autoJoinEnabled: true, autoJoinApprovedAt: new Date(), autoJoinApprovedBy: builder.email },
      });
    });
    await recompute(org.id);
    expect(await checkOf(org.id, 'domains_verified')).toMatchObject({ status: 'failed', detail: `${domain} isn’t verified yet.` });
    await client.domain.updateMany({ where: { organizationId: org.id }, data: { status: 'verified', verifiedAt: new Date() } });
    await recompute(org.id);
    expect((await checkOf(org.id, 'domains_verified')).status).toBe('passed');

    // A role mapping: failing until a dry run of the mappings as saved is reviewed.
    expect(await addRoleMappingCommand(builder, { organizationId: org.id, group: 'Admins', role: 'admin' })).toMatchObject({ ok: true });
    expect((await stored(org.id)).launchFailing).toEqual(['role_mapping']);
    const draft = JSON.stringify([{ group: 'Admins', role: 'admin', allowOwner: false }]);
    const other = await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: JSON.stringify([]) });
    expect(other.ok && other.data).toMatchObject({ reviewed: false });
    expect((await checkOf(org.id, 'role_mapping')).status).toBe('failed');
    const reviewed = await previewRoleMappingsCommand(builder, { organizationId: org.id, mappings: draft });
    expect(reviewed.ok && reviewed.data).toMatchObject({ reviewed: true });
    expect(await checkOf(org.id, 'role_mapping')).toMatchObject({ status: 'passed' });
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'role_mapping.reviewed' } })).toBe(1);
    expect(await stored(org.id)).toMatchObject({ launchPassed: 6, launchApplicable: 6, launchFailing: [] });

    // Ready: launched, audited; the Overview and the list read launched_at.
    const launched = await markLaunchedCommand(consoleAdmin, { organizationId: org.id });
    expect(launched.ok).toBe(true);
    expect(await stored(org.id)).toMatchObject({ launchedAt: expect.any(Date), launchOverrideReason: null });
    const event = await client.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: 'organization.launched' } });
    expect(event.summary).toEqual({ passed: 6, applicable: 6 });
    expect(await markLaunchedCommand(builder, { organizationId: org.id })).toMatchObject({ ok: false, code: 'already_launched' });

    // After launch, a check that starts failing is audited and shown; the launch stays.
    expect(await addRoleMappingCommand(builder, { organizationId: org.id, group: 'Sales', role: 'member' })).toMatchObject({ ok: true });
    const after = await stored(org.id);
    expect(after).toMatchObject({ launchFailing: ['role_mapping'], launchedAt: launched.ok ? launched.data.launchedAt : null });
    const failing = await client.auditEvent.findMany({ where: { organizationId: org.id, action: 'organization.launch_check_failed' } });
    expect(failing.map((e) => e.summary)).toEqual([
      expect.objectContaining({ check: 'role_mapping', title: 'Role mapping understood', detail: expect.stringContaining('changed') }),
    ]);
    // Recomputing again reports nothing new.
    await recompute(org.id);
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'organization.launch_check_failed' } })).toBe(1);
  });

  it('a test invitation older than a template or sender change no longer counts', async () => {
    const org = await createTestOrganization();
    await sendTestInvitationCommand(builder, { organizationId: org.id, role: 'member', expiresInDays: '7' });
    await deliverQueuedEmail(await db(), new Date(), 20, { organizationId: org.id });
    expect((await checkOf(org.id, 'invitation_email')).status).toBe('passed');
    await (await db()).invitation.updateMany({
      where: { organizationId: org.id, isTest: true },
      data: { templateFingerprint: 'an-older-template' },
    });
    expect(await checkOf(org.id, 'invitation_email')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('template or its sender changed'),
    });
  });
});

describe('marking as launched', () => {
  it('is refused while checks fail; an override needs the permission and a reason, and records it', async () => {
    const org = await createTestOrganization();
    const refused = await markLaunchedCommand(builder, { organizationId: org.id });
    expect(refused).toMatchObject({ ok: false, code: 'launch_checks_failing' });
    expect(!refused.ok && refused.message).toContain('3 of 4 checks fail: An intended member has accepted access;');
    // A console admin may launch, but not override.
    expect(
      await markLaunchedCommand(consoleAdmin, { organizationId: org.id, override: 'on', reason: 'Pilot customer, signed off.' }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // The reason is required, and kept with what was typed.
    expect(await markLaunchedCommand(builder, { organizationId: org.id, override: 'on', reason: 'ok' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { reason: [expect.stringContaining('at least 10 characters')] },
    });
    expect((await stored(org.id)).launchedAt).toBeNull();
    const overridden = await markLaunchedCommand(builder, {
      organizationId: org.id,
      override: 'on',
      reason: 'Pilot customer, signed off by their CTO.',
    });
    expect(overridden.ok).toBe(true);
    expect(await stored(org.id)).toMatchObject({
      launchedAt: expect.any(Date),
      launchOverrideReason: 'Pilot customer, signed off by their CTO.',
    });
    const event = await (await db()).auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: 'organization.launched' } });
    expect(event.summary).toMatchObject({ override: true, reason: 'Pilot customer, signed off by their CTO.', failing: expect.any(Array) });
    expect(event.actorEmail).toBe(builder.email);
  });

  it('another organization’s member gets "not found", and nothing changes', async () => {
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization();
    const outsider = await memberOf(mine.id, 'owner');
    expect(
      await markLaunchedCommand(outsider, { organizationId: theirs.id, override: 'on', reason: 'Launching someone else’s.' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await checkLaunchNowCommand(outsider, { organizationId: theirs.id, step: 'domains' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await stored(theirs.id)).launchedAt).toBeNull();
    expect(await (await db()).auditEvent.count({ where: { organizationId: theirs.id, action: 'organization.launched' } })).toBe(0);
  });

  it('refuses bad input with field errors: an unknown step, an overlong reason', async () => {
    const org = await createTestOrganization();
    expect(await checkLaunchNowCommand(builder, { organizationId: org.id, step: 'everything' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { step: [expect.any(String)] },
    });
    expect(await markLaunchedCommand(builder, { organizationId: org.id, override: 'on', reason: 'x'.repeat(1001) })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining('1,000')] },
    });
    expect((await stored(org.id)).launchedAt).toBeNull();
  });
});
