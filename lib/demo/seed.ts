import crypto from 'node:crypto';
import type { RoleKey } from '@/lib/access/roles';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import type { Db, Tx } from '@/lib/db/client';
import type { MembershipSource } from '@/lib/generated/prisma/client';
import { invitationTemplateFingerprint } from '@/lib/invitations/fingerprint';
import { LAUNCHED_RANK } from '@/lib/organizations/launch';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { addActivity, addDomain, addInvitation, addMember } from './records';

const DAY = 24 * 60 * 60 * 1000;

type DemoOrganization = {
  name: string;
  slug: string;
  ageDays: number;
  build?: (tx: Tx, organizationId: string, now: Date) => Promise<unknown>;
  /** Marked as launched this many days ago. */
  launchedDaysAgo?: number;
};

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);
const ahead = (now: Date, days: number) => new Date(now.getTime() + days * DAY);

/**
 * A member who joined `joinedDaysAgo` days ago: by an invitation accepted then (sent a day
 * earlier, and recorded as accepted), or by auto-join; signed in since when `signedInDaysAgo` is set.
 */
async function join(
  tx: Tx,
  organizationId: string,
  email: string,
  now: Date,
  options: { role: RoleKey; joinedDaysAgo: number; via?: MembershipSource; signedInDaysAgo?: number },
) {
  const joinedAt = ago(now, options.joinedDaysAgo);
  const via = options.via ?? 'invitation';
  if (via === 'invitation') {
    const invitedAt = ago(now, options.joinedDaysAgo + 1);
    const invitation = await addInvitation(tx, organizationId, email, {
      role: options.role,
      status: 'accepted',
      expiresAt: ahead(invitedAt, 7),
      createdAt: invitedAt,
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: joinedAt, lastSentAt: invitedAt } });
  }
  const membership = await addMember(tx, organizationId, email, {
    role: options.role,
    joinedVia: via,
    createdAt: joinedAt,
    lastSignInAt: options.signedInDaysAgo === undefined ? undefined : ago(now, options.signedInDaysAgo),
  });
  if (via === 'invitation') {
    await tx.invitation.updateMany({
      where: { organizationId, email, status: 'accepted' },
      data: { acceptedById: membership.userId },
    });
  }
  return membership;
}

/**
 * Umbrella's directory: Okta pushes two people and a group mapped to Admin; one was deactivated
 * (suspended by the directory), and its event log shows the requests. Its token is unknown: rotate
 * it in the console to connect a real SCIM client.
 */
async function addDemoDirectory(tx: Tx, organizationId: string, now: Date) {
  const directory = await tx.directory.create({
    data: {
      organizationId,
      name: 'Okta provisioning',
      provider: 'okta',
      status: 'active',
      createdAt: ago(now, 12),
      configuredAt: ago(now, 12),
      lastRequestAt: new Date(now.getTime() - 3_600_000),
    },
  });
  await tx.directoryToken.create({
    data: {
      directoryId: directory.id,
      organizationId,
      tokenHash: crypto.randomBytes(32).toString('hex'),
      prefix: 'scim_demo00',
      createdBy: 'builder@orgdesk.localhost',
      createdAt: ago(now, 12),
      lastUsedAt: new Date(now.getTime() - 3_600_000),
    },
  });
  await tx.roleMapping.create({ data: { organizationId, group: 'Engineering', role: 'admin', createdAt: ago(now, 12) } });
  const people = [
    { email: 'ada@umbrella.example', given: 'Ada', family: 'Wong', role: 'admin' as RoleKey, active: true, days: 10 },
    { email: 'ben@umbrella.example', given: 'Ben', family: 'Bertolucci', role: 'member' as RoleKey, active: false, days: 9 },
  ];
  const ids: string[] = [];
  for (const person of people) {
    const membership = await join(tx, organizationId, person.email, now, {
      role: person.role,
      joinedDaysAgo: person.days,
      via: 'directory',
    });
    if (!person.active) await tx.membership.update({ where: { id: membership.id }, data: { status: 'suspended' } });
    const user = await tx.directoryUser.create({
      data: {
        directoryId: directory.id,
        organizationId,
        userName: person.email,
        externalId: `00u${crypto.randomBytes(6).toString('hex')}`,
        active: person.active,
        displayName: `${person.given} ${person.family}`,
        email: person.email,
        data: {
          displayName: `${person.given} ${person.family}`,
          name: { givenName: person.given, familyName: person.family },
          emails: [{ primary: true, type: 'work', value: person.email }],
        },
        membershipId: membership.id,
        suspendedByDirectory: !person.active,
        deprovisionedAt: person.active ? null : ago(now, 1),
        createdAt: ago(now, person.days),
        updatedAt: ago(now, person.active ? person.days : 1),
      },
    });
    ids.push(user.id);
    await addActivity(tx, organizationId, ago(now, person.days), { kind: 'directory_join', actorEmail: person.email });
  }
  const group = await tx.directoryGroup.create({
    data: {
      directoryId: directory.id,
      organizationId,
      displayName: 'Engineering',
      externalId: `00g${crypto.randomBytes(6).toString('hex')}`,
      createdAt: ago(now, 10),
      updatedAt: ago(now, 10),
    },
  });
  await tx.directoryGroupMember.create({ data: { groupId: group.id, userId: ids[0]!, directoryId: directory.id } });
  const events = [
    {
      days: 10,
      method: 'POST',
      path: '/Users',
      operation: 'users.create',
      status: 201,
      resourceId: ids[0],
      changes: { created: people[0]!.email },
    },
    {
      days: 9,
      method: 'POST',
      path: '/Users',
      operation: 'users.create',
      status: 201,
      resourceId: ids[1],
      changes: { created: people[1]!.email },
    },
    {
      days: 9,
      method: 'POST',
      path: '/Groups',
      operation: 'groups.create',
      status: 201,
      resourceId: null,
      changes: { created: 'Engineering', membersAdded: 1 },
    },
    {
      days: 1,
      method: 'PATCH',
      path: `/Users/${ids[1]}`,
      operation: 'users.patch',
      status: 200,
      resourceId: ids[1],
      changes: { attributes: ['active'], deprovisioned: 'suspended' },
    },
    {
      days: 1 / 24,
      method: 'GET',
      path: '/Users?filter=userName%20eq%20%22ada%40umbrella.example%22',
      operation: 'users.list',
      status: 200,
      resourceId: null,
      changes: { results: 1 },
    },
  ];
  await tx.directoryEvent.createMany({
    data: events.map((event) => ({
      directoryId: directory.id,
      organizationId,
      occurredAt: ago(now, event.days),
      method: event.method,
      path: event.path,
      operation: event.operation,
      status: event.status,
      resourceId: event.resourceId ?? null,
      changes: event.changes,
      durationMs: 12,
    })),
  });
}

/** A test invitation to the demo builder, delivered `daysAgo`, with this server's template and sender. */
async function addTestInvitation(tx: Tx, organizationId: string, now: Date, daysAgo: number) {
  await addInvitation(tx, organizationId, 'builder@orgdesk.localhost', {
    isTest: true,
    createdAt: ago(now, daysAgo),
    expiresAt: ahead(now, 7 - daysAgo),
    templateFingerprint: await invitationTemplateFingerprint(),
  });
}

/**
 * Demo organizations, at least one in every state, each telling a consistent story: people join
 * after their organization exists, invitations are sent before they are accepted, and a domain is
 * verified before auto-join on it is approved. Safe names: this is pilot data.
 */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { name: 'Acme Pilot', slug: 'acme-pilot', ageDays: 1 },
  {
    name: 'Globex (pilot)',
    slug: 'globex-pilot',
    ageDays: 3,
    build: async (tx, id, now) => {
      await addInvitation(tx, id, 'ops@globex.example', { role: 'owner', expiresAt: ahead(now, 5), createdAt: ago(now, 2) });
      await addDemoSetupLink(tx, id, now);
    },
  },
  {
    name: 'Initech Test',
    slug: 'initech-test',
    ageDays: 8,
    // Every launch check passes: it shows under "Only those ready to launch".
    build: async (tx, id, now) => {
      await join(tx, id, 'peter@initech.example', now, { role: 'owner', joinedDaysAgo: 6, signedInDaysAgo: 1 });
      await join(tx, id, 'milton@initech.example', now, { role: 'admin', joinedDaysAgo: 4 });
      await addTestInvitation(tx, id, now, 7);
    },
  },
  {
    name: 'Umbrella Sandbox',
    slug: 'umbrella-sandbox',
    ageDays: 40,
    build: async (tx, id, now) => {
      await join(tx, id, 'alice@umbrella.example', now, { role: 'owner', joinedDaysAgo: 38, signedInDaysAgo: 3 });
      await addDomain(tx, id, 'umbrella.example', { status: 'verified', dependents: ['auto_join'], verifiedAt: ago(now, 35) });
      await tx.organization.update({
        where: { id },
        data: {
          autoJoinEnabled: true,
          autoJoinRole: 'member',
          autoJoinApprovedAt: ago(now, 30),
          autoJoinApprovedBy: 'builder@orgdesk.localhost',
        },
      });
      await join(tx, id, 'rc@umbrella.example', now, { role: 'member', joinedDaysAgo: 2, via: 'auto_join', signedInDaysAgo: 2 });
      await addActivity(tx, id, ago(now, 2), { kind: 'auto_join', actorEmail: 'rc@umbrella.example' });
      await addActivity(tx, id, ago(now, 1), { kind: 'api_event', actorEmail: 'jill@umbrella.example' });
      await addDemoDirectory(tx, id, now);
      // Launched after its checks passed; its mappings were reviewed in a dry run.
      await addTestInvitation(tx, id, now, 32);
      await tx.organization.update({
        where: { id },
        data: { roleMappingsChangedAt: ago(now, 31), roleMappingsReviewedAt: ago(now, 30) },
      });
    },
    launchedDaysAgo: 29,
  },
  {
    name: 'Hooli Trial',
    slug: 'hooli-trial',
    ageDays: 5,
    build: (tx, id, now) =>
      addInvitation(tx, id, 'gavin@hooli.example', {
        role: 'owner',
        createdAt: ago(now, 3),
        expiresAt: ahead(now, 4),
        deliveryStatus: 'bounced',
        deliveryError: '550 5.1.1 mailbox unavailable',
      }),
  },
  {
    name: 'Soylent Demo',
    slug: 'soylent-demo',
    ageDays: 60,
    build: async (tx, id, now) => {
      await join(tx, id, 'sol@soylent.example', now, { role: 'owner', joinedDaysAgo: 55, signedInDaysAgo: 20 });
      await tx.organization.update({ where: { id }, data: { status: 'suspended', suspendedAt: ago(now, 3) } });
    },
  },
  {
    name: 'Stark Pilot',
    slug: 'stark-pilot',
    ageDays: 90,
    build: async (tx, id, now) => {
      await join(tx, id, 'pepper@stark.example', now, { role: 'owner', joinedDaysAgo: 85, signedInDaysAgo: 44 });
      await addActivity(tx, id, ago(now, 45), { kind: 'sso_sign_in', actorEmail: 'happy@stark.example' });
    },
  },
  {
    name: 'Wayne Workspace',
    slug: 'wayne-workspace',
    ageDays: 20,
    build: (tx, id, now) =>
      addInvitation(tx, id, 'lucius@wayne.example', { role: 'admin', expiresAt: ago(now, 2), createdAt: ago(now, 9) }),
  },
  ...Array.from({ length: 24 }, (_, i): DemoOrganization => {
    const n = String(i + 1).padStart(2, '0');
    return {
      name: `Pilot Workspace ${n}`,
      slug: `pilot-workspace-${n}`,
      ageDays: 10 + i,
      build:
        i % 3 === 0
          ? undefined
          : i % 3 === 1
            ? (tx, id, now) =>
                addInvitation(tx, id, `owner${n}@pilot.example`, { role: 'owner', expiresAt: ahead(now, 6), createdAt: ago(now, 1) })
            : (tx, id, now) => join(tx, id, `owner${n}@pilot.example`, now, { role: 'owner', joinedDaysAgo: 5 + i }),
    };
  }),
];

/**
 * A setup link emailed to Globex's IT admin a day ago, opened, with a domain added through it and
 * not verified yet: the Setup links section shows its progress. (Its token was never kept.)
 */
async function addDemoSetupLink(tx: Tx, organizationId: string, now: Date) {
  const sentTo = 'it@globex.example';
  const createdAt = ago(now, 1);
  const link = await tx.setupLink.create({
    data: {
      organizationId,
      tokenHash: crypto.randomBytes(32).toString('hex'),
      intents: ['domains', 'sso'],
      sentTo,
      deliveryStatus: 'sent',
      createdByEmail: 'builder@orgdesk.localhost',
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 72 * 60 * 60 * 1000),
      openedAt: new Date(createdAt.getTime() + 2 * 60 * 60 * 1000),
      lastOpenedAt: new Date(createdAt.getTime() + 3 * 60 * 60 * 1000),
    },
    select: { id: true },
  });
  const domain = await addDomain(tx, organizationId, 'globex.example', { status: 'pending' });
  const principal = { kind: 'setup_link' as const, linkId: link.id, organizationId, intents: ['domains' as const, 'sso' as const], sentTo };
  const request = { ip: null, requestId: null };
  await recordAudit(
    tx,
    { principal: systemPrincipal('demo data'), now: createdAt, request },
    {
      organizationId,
      action: 'setup_link.created',
      target: { type: 'setup_link', id: link.id, label: sentTo },
      summary: { intents: ['domains', 'sso'], sentTo },
    },
  );
  await recordAudit(
    tx,
    { principal, now: new Date(createdAt.getTime() + 2 * 60 * 60 * 1000), request },
    {
      organizationId,
      action: 'setup_link.opened',
      target: { type: 'setup_link', id: link.id, label: sentTo },
    },
  );
  await recordAudit(
    tx,
    { principal, now: new Date(createdAt.getTime() + 3 * 60 * 60 * 1000), request },
    {
      organizationId,
      action: 'domain.added',
      target: { type: 'domain', id: domain.id, label: domain.name },
    },
  );
}

/** Idempotent: organizations whose slug exists are left alone. */
export async function seedDemoData(client: Db, now = new Date()) {
  const existing = new Set(
    (await client.organization.findMany({ where: { slug: { in: DEMO_ORGANIZATIONS.map((o) => o.slug) } }, select: { slug: true } })).map(
      (o) => o.slug,
    ),
  );
  let created = 0;
  for (const demo of DEMO_ORGANIZATIONS) {
    if (existing.has(demo.slug)) continue;
    await client.$transaction(async (tx) => {
      const organization = await tx.organization.create({
        data: { name: demo.name, slug: demo.slug, createdAt: ago(now, demo.ageDays) },
        select: { id: true },
      });
      await demo.build?.(tx, organization.id, now);
      if (demo.launchedDaysAgo !== undefined) {
        await tx.organization.update({
          where: { id: organization.id },
          data: { launchedAt: ago(now, demo.launchedDaysAgo), launchedBy: 'builder@orgdesk.localhost', launchRank: LAUNCHED_RANK },
        });
      }
      await recomputeOrganizationState(tx, organization.id, now);
      // Its last activity: the latest thing in its story.
      const latest = await tx.$queryRaw<{ at: Date | null }[]>`
        SELECT GREATEST(
          (SELECT max(created_at) FROM memberships WHERE organization_id = ${organization.id}::uuid),
          (SELECT max(created_at) FROM invitations WHERE organization_id = ${organization.id}::uuid),
          (SELECT max(last_sign_in_at) FROM memberships WHERE organization_id = ${organization.id}::uuid),
          (SELECT max(occurred_at) FROM end_user_activity WHERE organization_id = ${organization.id}::uuid),
          ${ago(now, demo.ageDays)}::timestamptz
        ) AS at`;
      await tx.organization.update({ where: { id: organization.id }, data: { lastActivityAt: latest[0]?.at ?? ago(now, demo.ageDays) } });
    });
    created++;
  }
  await seedDemoConsoleTeam(client, now);
  return { created, skipped: existing.size };
}

/**
 * The console's own team beside ADMIN_EMAILS: an invited Admin, a suspended Viewer, and a pending
 * console invitation. Idempotent by address.
 */
async function seedDemoConsoleTeam(client: Db, now: Date) {
  const people = [
    { email: 'grace@builder-team.example', name: 'Grace', role: 'admin', status: 'active', lastSignInAt: ago(now, 2) },
    { email: 'linus@builder-team.example', name: 'Linus', role: 'viewer', status: 'suspended', lastSignInAt: ago(now, 40) },
  ] as const;
  for (const person of people) {
    const user = await client.user.upsert({
      where: { email: person.email },
      create: { email: person.email, name: person.name, emailVerified: ago(now, 60) },
      update: {},
    });
    await client.consoleUser.upsert({
      where: { userId: user.id },
      create: {
        userId: user.id,
        role: person.role,
        source: 'invitation',
        status: person.status,
        suspendedAt: person.status === 'suspended' ? ago(now, 10) : null,
        invitedByEmail: 'builder@orgdesk.localhost',
        lastSignInAt: person.lastSignInAt,
        createdAt: ago(now, 60),
      },
      update: {},
    });
  }
  const invited = 'margaret@builder-team.example';
  if (!(await client.consoleInvitation.findFirst({ where: { email: invited, status: 'pending' } }))) {
    await client.consoleInvitation.create({
      data: {
        email: invited,
        role: 'viewer',
        // A hash of a token nobody holds: this invitation can't be accepted.
        tokenHash: crypto.randomBytes(32).toString('hex'),
        tokenNonce: '',
        deliveryStatus: 'sent',
        sendCount: 1,
        lastSentAt: ago(now, 1),
        expiresAt: ahead(now, 6),
        invitedByEmail: 'builder@orgdesk.localhost',
        createdAt: ago(now, 1),
      },
    });
  }
}
