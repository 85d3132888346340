import crypto from 'node:crypto';
import { directoryGroupKeys, loadRoleMappings, roleFromMappings, syncDirectoryRoles } from '@/lib/access/mapped-roles';
import { LEAST_PRIVILEGED_ROLE } from '@/lib/access/roles';
import { type AttributedEvents, type AuditEventInput, attributedAuditInsertStatement, recordAuditEvents } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { groupCommit } from '@/lib/db/batch';
import type { Db, DbOrTx, Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { domainVerifiedSql } from '@/lib/domains/verified';
import { emailDomain, normalizeEmail } from '@/lib/email/address';
import { Prisma } from '@/lib/generated/prisma/client';
import { endSessionsIfNoActiveMembership } from '@/lib/members/sign-in';
import { insertOrganizationStatement, suggestSlug } from '@/lib/organizations/mutations';
import { lockOrganization, noteOrganizationLocked, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { isValidSlug, slugify } from '@/lib/organizations/slug';
import type { LinkIssue } from './labels';
import { ScimFailure } from './scim/errors';
import { groupMembers } from './scim/list';
import { checkRequired, identifier, normalizeResource, type Resource } from './scim/normalize';
import { applyPatch, type PatchOperation } from './scim/patch';
import { type StoredGroup, type StoredMember, type StoredUser, storedUserAttributes } from './scim/resources';
import { GROUP_TYPE, USER_TYPE } from './scim/schema';

/**
 * What a SCIM request does to the organization. Every write runs in one transaction under the
 * organization's row lock, so concurrent requests (identical creates, changes to one group's
 * membership) serialize, and a request's effects land together or not at all:
 * - a provisioned user is keyed by (directory, SCIM id), never by email; an active one becomes a
 *   member (source "directory") with the role the group mappings give;
 * - the person is linked to an existing account only through a domain the organization verified,
 *   and never to another organization's membership;
 * - `active: false` or DELETE applies the deprovisioning setting and ends sessions; reactivation
 *   restores what the directory suspended; the membership and its history stay;
 * - a group membership change updates the members' roles at once.
 * Each change writes its audit events, and the state recompute, in the same transaction.
 */
export interface SyncDirectory {
  id: string;
  organizationId: string;
  provider: string;
  suspendOnDeprovision: boolean;
  /** New groups create organizations (approved in the console). */
  createOrganizations: boolean;
}

/** What a request changed, for the directory's event log. */
export type Changes = Record<string, unknown>;

export type UserOutcome = { user: StoredUser; changes: Changes };
export type GroupOutcome = { group: StoredGroup; members: StoredMember[]; changes: Changes };

const USER_SELECT = {
  id: true,
  userName: true,
  externalId: true,
  active: true,
  data: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  email: true,
  displayName: true,
  membershipId: true,
  suspendedByDirectory: true,
  reviewRequired: true,
  deprovisionedAt: true,
} as const;

type UserRow = Prisma.DirectoryUserGetPayload<{ select: typeof USER_SELECT }>;

function notFound(what: 'User' | 'Group', id: string): never {
  throw new ScimFailure({ status: 404, detail: `${what} ${id} not found.` });
}

function uniqueness(detail: string): never {
  throw new ScimFailure({ status: 409, scimType: 'uniqueness', detail });
}

/** The directory, locked with its organization's row; null when either is gone. */
async function lockDirectory(tx: Tx, organizationId: string, directoryId: string): Promise<SyncDirectory | null> {
  const rows = await tx.$queryRaw<
    { id: string; organization_id: string; provider: string; suspend_on_deprovision: boolean; create_organizations: boolean }[]
  >`
    SELECT d.id, d.organization_id, d.provider::text AS provider, d.suspend_on_deprovision, d.create_organizations
    FROM directories d JOIN organizations o ON o.id = d.organization_id
    WHERE d.id = ${directoryId}::uuid AND d.organization_id = ${organizationId}::uuid
    FOR UPDATE OF o`;
  const row = rows[0];
  if (row) noteOrganizationLocked(tx, organizationId);
  return row
    ? {
        id: row.id,
        organizationId: row.organization_id,
        provider: row.provider,
        suspendOnDeprovision: row.suspend_on_deprovision,
        createOrganizations: row.create_organizations,
      }
    : null;
}

/** Runs a write under the directory's lock; a vanished directory answers 404. Unique races are 409. */
async function inDirectory<T>(
  client: Db,
  organizationId: string,
  directoryId: string,
  work: (tx: Tx, directory: SyncDirectory) => Promise<T>,
) {
  try {
    return await client.$transaction(async (tx) => {
      const directory = await lockDirectory(tx, organizationId, directoryId);
      if (!directory) throw new ScimFailure({ status: 404, detail: 'This directory no longer exists.' });
      return work(tx, directory);
    });
  } catch (error) {
    if (isUniqueViolation(error)) uniqueness('A resource with that userName or displayName already exists in this directory.');
    throw error;
  }
}

/** The person's email: the primary valid one, else a work one, else any, else a userName that is an address. */
export function primaryEmail(resource: Resource): string | null {
  const emails = Array.isArray(resource.emails) ? (resource.emails as Resource[]) : [];
  const ranked = [...emails].sort((a, b) => rank(b) - rank(a));
  for (const email of ranked) {
    const address = typeof email.value === 'string' ? normalizeEmail(email.value) : null;
    if (address) return address;
  }
  return typeof resource.userName === 'string' ? normalizeEmail(resource.userName) : null;
}
const rank = (email: Resource) => (email.primary === true ? 2 : 0) + (String(email.type ?? '').toLowerCase() === 'work' ? 1 : 0);

function personName(resource: Resource): string | null {
  const name = (resource.name ?? {}) as Resource;
  const joined = [name.givenName, name.familyName].filter((p) => typeof p === 'string' && p).join(' ');
  const chosen =
    (typeof resource.displayName === 'string' && resource.displayName) || (typeof name.formatted === 'string' && name.formatted) || joined;
  return chosen ? chosen.slice(0, 200) : null;
}

/** The columns a resource's attributes give. */
function userColumns(resource: Resource) {
  const { userName, externalId, active, ...data } = resource;
  return {
    userName: identifier(userName, 'userName'),
    externalId: typeof externalId === 'string' ? externalId : null,
    active: active !== false,
    displayName: typeof resource.displayName === 'string' ? resource.displayName : null,
    email: primaryEmail(resource),
    data: data as Prisma.InputJsonObject,
  };
}

async function assertUserNameFree(tx: Tx, directoryId: string, userName: string, except: string | null) {
  const taken = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM directory_users
    WHERE directory_id = ${directoryId}::uuid AND lower(user_name) = lower(${userName}) AND deleted_at IS NULL
      ${except ? Prisma.sql`AND id <> ${except}::uuid` : Prisma.empty}
    LIMIT 1`;
  if (taken.length) uniqueness(`A user with userName "${userName}" already exists in this directory.`);
}

interface Effects {
  events: AuditEventInput[];
  /** Whether the organization's facts changed (members, their status): recompute its state. */
  factsChanged: boolean;
  changes: Changes;
}

interface AccountRow {
  user_id: string | null;
  created: boolean;
  verified: boolean;
  membership_id: string | null;
  held: boolean;
}

/**
 * The person's account for `email` (created when there is none), whether its domain is verified
 * for the organization, and its membership there with whether another directory user holds it:
 * one statement. A concurrent create of the same address leaves no row: read again.
 */
async function accountFor(tx: Tx, organizationId: string, user: UserRow, email: string, now: Date): Promise<AccountRow> {
  for (let attempt = 0; ; attempt++) {
    const rows = await tx.$queryRaw<AccountRow[]>`
      WITH found AS (SELECT id FROM users WHERE email = ${email}),
      created AS (
        INSERT INTO users (id, email, name, created_at, updated_at)
        SELECT gen_random_uuid(), ${email}, ${personName(user.data as Resource)}, ${now}, ${now} WHERE NOT EXISTS (SELECT 1 FROM found)
        ON CONFLICT (email) DO NOTHING RETURNING id),
      account AS (SELECT id, false AS created FROM found UNION ALL SELECT id, true FROM created)
      SELECT a.id AS user_id, a.created, ${domainVerifiedSql(organizationId, Prisma.sql`${emailDomain(email)}`)} AS verified,
        m.id AS membership_id,
        EXISTS (SELECT 1 FROM directory_users h WHERE h.membership_id = m.id AND h.deleted_at IS NULL AND h.id <> ${user.id}::uuid) AS held
      FROM account a LEFT JOIN memberships m ON m.organization_id = ${organizationId}::uuid AND m.user_id = a.id`;
    if (rows[0] || attempt > 0) return rows[0] ?? { user_id: null, created: false, verified: false, membership_id: null, held: false };
  }
}

/**
 * Links an active directory user to a member: their existing membership, or a new one with the
 * mapped role (a user just created has no groups yet: the least privileged role). Records the link
 * issue instead when none may be made (lib/directory/labels.ts).
 */
async function link(
  tx: Tx,
  context: CommandContext,
  directory: SyncDirectory,
  user: UserRow,
  effects: Effects,
  fresh = false,
): Promise<void> {
  const label = user.email ?? user.userName;
  const issue = async (code: LinkIssue) => {
    await tx.directoryUser.update({ where: { id: user.id }, data: { linkIssue: code } });
    effects.changes.linkIssue = code;
  };
  if (!user.email) return issue('no_email');
  const account = await accountFor(tx, directory.organizationId, user, user.email, context.now);
  if (!account.user_id || (!account.created && !account.verified)) return issue('unverified_domain');
  if (account.membership_id) {
    if (account.held) return issue('shared_email');
    await tx.directoryUser.update({ where: { id: user.id }, data: { membershipId: account.membership_id, linkIssue: null } });
    effects.changes.linked = 'existing member';
    return;
  }
  const role = fresh
    ? { key: LEAST_PRIVILEGED_ROLE, mapping: null }
    : roleFromMappings(await loadRoleMappings(tx, directory.organizationId), (await directoryGroupKeys(tx, [user.id])).get(user.id) ?? []);
  // The membership, the link and the end-user activity: one statement.
  const created = await tx.$queryRaw<{ id: string }[]>`
    WITH m AS (
      INSERT INTO memberships (id, organization_id, user_id, role, status, joined_via, break_glass, created_at, updated_at)
      VALUES (gen_random_uuid(), ${directory.organizationId}::uuid, ${account.user_id}::uuid, ${role.key},
        'active'::"MembershipStatus", 'directory'::"MembershipSource", false, ${context.now}, ${context.now})
      ON CONFLICT (organization_id, user_id) DO NOTHING RETURNING id),
    linked AS (
      UPDATE directory_users SET membership_id = (SELECT id FROM m), link_issue = NULL
      WHERE id = ${user.id}::uuid AND EXISTS (SELECT 1 FROM m)),
    activity AS (
      INSERT INTO end_user_activity (id, organization_id, kind, actor_email, occurred_at, created_at)
      SELECT gen_random_uuid(), ${directory.organizationId}::uuid, 'directory_join'::"ActivityKind", ${user.email}, ${context.now}, ${context.now}
      WHERE EXISTS (SELECT 1 FROM m))
    SELECT id FROM m`;
  if (!created[0]) return issue('shared_email');
  effects.events.push({
    organizationId: directory.organizationId,
    action: 'member.joined',
    target: { type: 'member', id: account.user_id, label },
    summary: { via: 'directory', role: role.key, directoryId: directory.id, ...(role.mapping ? { mapping: role.mapping } : {}) },
  });
  effects.factsChanged = true;
  effects.changes.joined = { role: role.key, ...(role.mapping ? { mapping: role.mapping } : {}) };
}

/**
 * A user left the directory (active false, or deleted): suspend their membership when the
 * directory says so (never the last active owner: they are flagged for review instead), or flag
 * them for a builder's review. Their member sessions end with the suspension.
 */
async function deprovision(
  tx: Tx,
  context: CommandContext,
  directory: SyncDirectory,
  user: UserRow,
  effects: Effects,
  reason: 'deactivated' | 'deleted',
) {
  const member = user.membershipId
    ? await tx.membership.findUnique({
        where: { id: user.membershipId },
        select: { id: true, userId: true, role: true, status: true, user: { select: { email: true } } },
      })
    : null;
  let review = !directory.suspendOnDeprovision;
  let suspended = false;
  if (member && member.status === 'active' && directory.suspendOnDeprovision) {
    const owners =
      member.role === 'owner'
        ? await tx.membership.count({ where: { organizationId: directory.organizationId, role: 'owner', status: 'active' } })
        : 2;
    if (owners <= 1) review = true;
    else {
      await tx.membership.update({ where: { id: member.id }, data: { status: 'suspended' } });
      await endSessionsIfNoActiveMembership(tx, member.userId);
      suspended = true;
      effects.factsChanged = true;
      effects.events.push({
        organizationId: directory.organizationId,
        action: 'member.suspended',
        target: { type: 'member', id: member.userId, label: member.user.email },
        summary: { status: { before: 'active', after: 'suspended' }, via: 'directory', reason },
      });
    }
  }
  await tx.directoryUser.update({
    where: { id: user.id },
    data: {
      deprovisionedAt: context.now,
      reviewRequired: Boolean(member) && review && member?.status === 'active',
      ...(suspended ? { suspendedByDirectory: true } : {}),
    },
  });
  effects.changes.deprovisioned = suspended
    ? 'suspended'
    : member && review && member.status === 'active'
      ? 'flagged for review'
      : 'no active membership';
  // The organizations the person's groups created suspend them too.
  for (const organizationId of await groupOrganizationsOf(tx, user.id))
    await syncGroupOrganization(tx, context, organizationId, [], [user.id]);
  effects.events.push({
    organizationId: directory.organizationId,
    action: 'directory.user_deprovisioned',
    target: { type: 'directory_user', id: user.id, label: user.email ?? user.userName },
    summary: { reason, outcome: effects.changes.deprovisioned },
  });
}

/** A deprovisioned user is active again: restore what the directory suspended, or link them. */
async function reactivate(tx: Tx, context: CommandContext, directory: SyncDirectory, user: UserRow, effects: Effects) {
  await tx.directoryUser.update({
    where: { id: user.id },
    data: { deprovisionedAt: null, reviewRequired: false, suspendedByDirectory: false },
  });
  for (const organizationId of await groupOrganizationsOf(tx, user.id))
    await syncGroupOrganization(tx, context, organizationId, [user.id], []);
  if (!user.membershipId) return link(tx, context, directory, user, effects);
  if (!user.suspendedByDirectory) return;
  const member = await tx.membership.findUnique({
    where: { id: user.membershipId },
    select: { id: true, userId: true, status: true, user: { select: { email: true } } },
  });
  if (member?.status !== 'suspended') return;
  await tx.membership.update({ where: { id: member.id }, data: { status: 'active' } });
  effects.factsChanged = true;
  effects.changes.reactivated = true;
  effects.events.push({
    organizationId: directory.organizationId,
    action: 'member.reactivated',
    target: { type: 'member', id: member.userId, label: member.user.email },
    summary: { status: { before: 'suspended', after: 'active' }, via: 'directory' },
  });
}

/** Re-reads the roles of directory users whose groups changed (lib/access/mapped-roles.ts). */
async function syncRoles(tx: Tx, directory: SyncDirectory, userIds: readonly string[], effects: Effects) {
  const synced = await syncDirectoryRoles(tx, directory.organizationId, userIds);
  if (synced.changed.length === 0) return;
  effects.events.push(...synced.events);
  effects.factsChanged = true;
  effects.changes.roles = synced.changed;
}

async function finish(tx: Tx, context: CommandContext, directory: SyncDirectory, effects: Effects) {
  if (effects.factsChanged) {
    await recomputeOrganizationState(tx, directory.organizationId, context.now, context, effects.events);
  } else if (effects.events.length) {
    await recordAuditEvents(tx, context, effects.events);
  }
}

const newEffects = (): Effects => ({ events: [], factsChanged: false, changes: {} });

function toStored(row: UserRow): StoredUser {
  return {
    id: row.id,
    userName: row.userName,
    externalId: row.externalId,
    active: row.active,
    data: row.data,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function findUser(tx: Tx, directoryId: string, id: string): Promise<UserRow> {
  if (!isUuid(id)) notFound('User', id);
  const row = await tx.directoryUser.findFirst({ where: { id, directoryId, deletedAt: null }, select: USER_SELECT });
  return row ?? notFound('User', id);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

interface CreateItem {
  client: Db;
  context: CommandContext;
  directoryId: string;
  organizationId: string;
  columns: ReturnType<typeof userColumns>;
}

/** What the create statement decided for a new user's membership. */
type CreateDecision = 'join' | 'link' | 'unverified_domain' | 'shared_email';

interface CreateRow {
  idx: number;
  inserted: boolean;
  user_id: string | null;
  decision: CreateDecision | null;
  membership_id: string | null;
}

/**
 * POST /Users. Creates for one directory that arrive together run in one transaction, under one
 * lock, with one state recompute (lib/db/batch.ts); each still gets its own answer, audit events
 * and event-log entry. A batch that fails as a whole is replayed one create at a time, so a
 * failure is only ever the failing create's answer.
 */
export async function createDirectoryUser(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  body: unknown,
): Promise<UserOutcome> {
  const resource = normalizeResource(USER_TYPE, body);
  checkRequired(USER_TYPE, resource);
  return createInBatches(directoryId, { client, context, directoryId, organizationId, columns: userColumns(resource) });
}

/** How creates were batched (the benchmark prints it). */
export const createBatchStats = () => ({ ...createInBatches.stats });

const createInBatches = groupCommit<CreateItem, UserOutcome>(async (items) => {
  if (items.length === 1) return [await settle(createUsers(items)).then((results) => results[0]!)];
  try {
    return await createUsers(items);
  } catch {
    const settled: PromiseSettledResult<UserOutcome>[] = [];
    for (const item of items) settled.push((await settle(createUsers([item])))[0]!);
    return settled;
  }
});

/** A batch's outcome, with a batch-wide failure as every item's answer. */
async function settle(batch: Promise<PromiseSettledResult<UserOutcome>[]>): Promise<PromiseSettledResult<UserOutcome>[]> {
  try {
    return await batch;
  } catch (reason) {
    return [{ status: 'rejected', reason }];
  }
}

/**
 * Creates users of one directory in one transaction; a taken userName fails only its own create.
 * Creates that share a userName or an email go in separate rounds, in arrival order, so each
 * sees the one before it as a sequence of single creates would.
 */
async function createUsers(items: CreateItem[]): Promise<PromiseSettledResult<UserOutcome>[]> {
  const [first] = items as [CreateItem];
  const last = items[items.length - 1]!;
  return inDirectory(first.client, first.organizationId, first.directoryId, async (tx, directory) => {
    const settled = new Map<CreateItem, PromiseSettledResult<UserOutcome>>();
    const attributed: AttributedEvents[] = [];
    let factsChanged = false;
    for (const round of rounds(items)) {
      for (const [item, created] of await insertUsers(tx, round, directory)) {
        if (created instanceof ScimFailure) {
          settled.set(item, { status: 'rejected', reason: created });
          continue;
        }
        settled.set(item, { status: 'fulfilled', value: { user: toStored(created.user), changes: created.effects.changes } });
        attributed.push({ context: item.context, events: created.effects.events });
        factsChanged ||= created.effects.factsChanged;
      }
    }
    if (factsChanged) await recomputeOrganizationState(tx, directory.organizationId, last.context.now, last.context, [], attributed);
    else if (attributed.length) await tx.$executeRaw(attributedAuditInsertStatement(attributed));
    return items.map((item) => settled.get(item)!);
  });
}

/** Splits creates into rounds in which no userName (in any case) and no email repeats. */
function rounds(items: CreateItem[]): CreateItem[][] {
  const result: { items: CreateItem[]; keys: Set<string> }[] = [];
  for (const item of items) {
    const keys = [`u:${item.columns.userName.toLowerCase()}`, ...(item.columns.email ? [`e:${item.columns.email}`] : [])];
    // After the last round that holds one of its keys, so the order of a repeated key is kept.
    let after = -1;
    result.forEach((round, index) => {
      if (keys.some((key) => round.keys.has(key))) after = index;
    });
    const target = result[after + 1] ?? result[result.push({ items: [], keys: new Set() }) - 1]!;
    target.items.push(item);
    for (const key of keys) target.keys.add(key);
  }
  return result.map((round) => round.items);
}

/**
 * New directory users, and their memberships, in one statement: each userName must be free
 * (under the organization's lock, which every write to its directory users holds); an active user
 * with an email is linked as `link` would (the account for the address, created when there is
 * none and linked only through a verified domain; their existing membership unless another
 * directory user holds it; else a new one with the least privileged role, a user just created
 * having no groups yet), with the end-user activity of joining. When a concurrent sign-up took
 * an address between reads, the statement links nobody for it and `link` does it with a fresh
 * read. A unique index that still refuses a row rolls the whole statement back (a 409).
 */
async function insertUsers(tx: Tx, items: CreateItem[], directory: SyncDirectory) {
  const { organizationId, id: directoryId } = directory;
  const rows = items.map((item, idx) => ({
    idx,
    id: crypto.randomUUID(),
    user_name: item.columns.userName,
    external_id: item.columns.externalId,
    active: item.columns.active,
    display_name: item.columns.displayName,
    email: item.columns.email,
    domain: item.columns.email ? emailDomain(item.columns.email) : null,
    name: personName(item.columns.data as Resource),
    data: item.columns.data,
    linking: item.columns.active && item.columns.email !== null,
    at: item.context.now.toISOString(),
  }));
  const results = await tx.$queryRaw<CreateRow[]>`
    WITH items AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(idx int, id uuid, user_name text, external_id text,
        active boolean, display_name text, email text, domain text, name text, data jsonb, linking boolean, at timestamptz)),
    free AS (
      SELECT i.* FROM items i WHERE NOT EXISTS (SELECT FROM directory_users x WHERE x.directory_id = ${directoryId}::uuid
        AND lower(x.user_name) = lower(i.user_name) AND x.deleted_at IS NULL)),
    found AS (SELECT f.idx, u.id FROM free f JOIN users u ON u.email = f.email WHERE f.linking),
    created AS (
      INSERT INTO users (id, email, name, created_at, updated_at)
      SELECT gen_random_uuid(), f.email, f.name, f.at, f.at FROM free f
      WHERE f.linking AND NOT EXISTS (SELECT FROM found WHERE found.idx = f.idx)
      ON CONFLICT (email) DO NOTHING RETURNING id, email),
    account AS (
      SELECT f.idx, f.domain, found.id, false AS created FROM found JOIN free f ON f.idx = found.idx
      UNION ALL SELECT f.idx, f.domain, c.id, true FROM created c JOIN free f ON f.email = c.email),
    decided AS (
      SELECT a.idx, a.id AS user_id, m.id AS membership_id,
        CASE WHEN NOT a.created AND NOT ${domainVerifiedSql(organizationId, Prisma.sql`a.domain`)} THEN 'unverified_domain'
             WHEN m.id IS NULL THEN 'join'
             WHEN EXISTS (SELECT FROM directory_users h WHERE h.membership_id = m.id AND h.deleted_at IS NULL) THEN 'shared_email'
             ELSE 'link' END AS decision
      FROM account a LEFT JOIN memberships m ON m.organization_id = ${organizationId}::uuid AND m.user_id = a.id),
    joined AS (
      INSERT INTO memberships (id, organization_id, user_id, role, status, joined_via, break_glass, created_at, updated_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, d.user_id, ${LEAST_PRIVILEGED_ROLE}, 'active'::"MembershipStatus",
        'directory'::"MembershipSource", false, i.at, i.at
      FROM decided d JOIN items i ON i.idx = d.idx WHERE d.decision = 'join'
      ON CONFLICT (organization_id, user_id) DO NOTHING RETURNING id, user_id),
    activity AS (
      INSERT INTO end_user_activity (id, organization_id, kind, actor_email, occurred_at, created_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, 'directory_join'::"ActivityKind", i.email, i.at, i.at
      FROM joined j JOIN decided d ON d.user_id = j.user_id JOIN items i ON i.idx = d.idx),
    outcome AS (
      SELECT d.idx, d.user_id,
        CASE WHEN d.decision = 'join' AND j.id IS NULL THEN 'shared_email' ELSE d.decision END AS decision,
        CASE d.decision WHEN 'link' THEN d.membership_id WHEN 'join' THEN j.id END AS membership_id
      FROM decided d LEFT JOIN joined j ON j.user_id = d.user_id),
    inserted AS (
      INSERT INTO directory_users (id, directory_id, organization_id, user_name, external_id, active, display_name, email, data,
        membership_id, link_issue, created_at, updated_at)
      SELECT f.id, ${directoryId}::uuid, ${organizationId}::uuid, f.user_name, f.external_id, f.active, f.display_name, f.email, f.data,
        o.membership_id,
        CASE WHEN f.active AND f.email IS NULL THEN 'no_email' WHEN o.decision IN ('unverified_domain', 'shared_email') THEN o.decision END,
        f.at, f.at
      FROM free f LEFT JOIN outcome o ON o.idx = f.idx
      RETURNING id)
    SELECT i.idx, EXISTS (SELECT FROM inserted x WHERE x.id = i.id) AS inserted, o.user_id, o.decision, o.membership_id
    FROM items i LEFT JOIN outcome o ON o.idx = i.idx`;
  const byIdx = new Map(results.map((row) => [row.idx, row]));
  const outcomes = new Map<CreateItem, ScimFailure | { user: UserRow; effects: Effects }>();
  for (const row of rows) {
    const item = items[row.idx]!;
    const result = byIdx.get(row.idx);
    if (!result?.inserted) {
      outcomes.set(
        item,
        new ScimFailure({
          status: 409,
          scimType: 'uniqueness',
          detail: `A user with userName "${row.user_name}" already exists in this directory.`,
        }),
      );
      continue;
    }
    const effects = newEffects();
    const user = await afterInsert(tx, item, directory, row.id, result, effects);
    outcomes.set(item, { user, effects });
  }
  return outcomes;
}

/** A created user's record, audit events and changes, from what the create statement decided. */
async function afterInsert(tx: Tx, item: CreateItem, directory: SyncDirectory, id: string, row: CreateRow, effects: Effects) {
  const { context, columns } = item;
  const { organizationId } = directory;
  const user: UserRow = {
    id,
    ...columns,
    data: columns.data as Prisma.JsonObject,
    version: 1,
    createdAt: context.now,
    updatedAt: context.now,
    membershipId: row.membership_id,
    suspendedByDirectory: false,
    reviewRequired: false,
    deprovisionedAt: null,
  };
  const label = columns.email ?? columns.userName;
  effects.changes.created = columns.userName;
  effects.events.push({
    organizationId,
    action: 'directory.user_provisioned',
    target: { type: 'directory_user', id, label },
    summary: { userName: columns.userName, active: columns.active },
  });
  if (!columns.active) return user;
  if (!columns.email) effects.changes.linkIssue = 'no_email';
  else if (!row.decision) await link(tx, context, directory, user, effects, true);
  else if (row.decision === 'join') {
    effects.events.push({
      organizationId,
      action: 'member.joined',
      target: { type: 'member', id: row.user_id, label },
      summary: { via: 'directory', role: LEAST_PRIVILEGED_ROLE, directoryId: directory.id },
    });
    effects.factsChanged = true;
    effects.changes.joined = { role: LEAST_PRIVILEGED_ROLE };
  } else if (row.decision === 'link') effects.changes.linked = 'existing member';
  else effects.changes.linkIssue = row.decision;
  return user;
}

/** PUT /Users/:id (a full replace: id, meta and the membership link stay) and PATCH. */
async function updateDirectoryUser(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  next: (current: Resource) => Resource,
): Promise<UserOutcome> {
  return inDirectory(client, organizationId, directoryId, async (tx, directory) => {
    const current = await findUser(tx, directoryId, id);
    const before = storedUserAttributes(current);
    const resource = next(before);
    const columns = userColumns(resource);
    if (columns.userName.toLowerCase() !== current.userName.toLowerCase()) await assertUserNameFree(tx, directoryId, columns.userName, id);
    const changed = changedAttributes(before, resource);
    const effects = newEffects();
    if (changed.length === 0) return { user: toStored(current), changes: {} };
    effects.changes.attributes = changed;
    const user = await tx.directoryUser.update({
      where: { id },
      data: { ...columns, version: { increment: 1 }, updatedAt: context.now },
      select: USER_SELECT,
    });
    effects.events.push({
      organizationId,
      action: 'directory.user_updated',
      target: { type: 'directory_user', id, label: columns.email ?? columns.userName },
      summary: { attributes: changed },
    });
    if (user.membershipId && columns.email && columns.email !== current.email) await followEmail(tx, user, columns.email, effects);
    if (current.active && !user.active) await deprovision(tx, context, directory, user, effects, 'deactivated');
    else if (!current.active && user.active) await reactivate(tx, context, directory, user, effects);
    else if (user.active && !user.membershipId) await link(tx, context, directory, user, effects);
    await finish(tx, context, directory, effects);
    return { user: toStored(user), changes: effects.changes };
  });
}

/**
 * An email changed at the directory: the same person's account follows, unless the account is
 * also another organization's member (never touched) or the address belongs to someone else.
 */
async function followEmail(tx: Tx, user: UserRow, email: string, effects: Effects) {
  const membership = await tx.membership.findUnique({ where: { id: user.membershipId! }, select: { userId: true } });
  if (!membership) return;
  const [elsewhere, taken] = await Promise.all([
    tx.membership.count({ where: { userId: membership.userId, NOT: { id: user.membershipId! } } }),
    tx.user.findUnique({ where: { email }, select: { id: true } }),
  ]);
  if (elsewhere > 0 || (taken && taken.id !== membership.userId)) {
    effects.changes.email = 'kept on the account: it is shared with another organization or person';
    return;
  }
  await tx.user.update({ where: { id: membership.userId }, data: { email } });
  effects.changes.email = 'updated on the account';
}

function changedAttributes(before: Resource, after: Resource): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/** PUT /Users/:id. An absent `active` keeps the current one. */
export function replaceDirectoryUser(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  body: unknown,
) {
  const resource = normalizeResource(USER_TYPE, body);
  checkRequired(USER_TYPE, resource);
  return updateDirectoryUser(client, context, directoryId, organizationId, id, (current) => ({
    ...resource,
    active: resource.active ?? current.active,
  }));
}

/** PATCH /Users/:id: every operation or none. */
export function patchDirectoryUser(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  operations: PatchOperation[],
) {
  return updateDirectoryUser(client, context, directoryId, organizationId, id, (current) => applyPatch(USER_TYPE, current, operations));
}

/** DELETE /Users/:id: gone from SCIM (the userName is free again); the membership and history stay. */
export async function deleteDirectoryUser(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
): Promise<Changes> {
  return inDirectory(client, organizationId, directoryId, async (tx, directory) => {
    const user = await findUser(tx, directoryId, id);
    const effects = newEffects();
    // Leaving its groups: the organizations they created suspend the person (before the rows go).
    for (const organizationId of await groupOrganizationsOf(tx, id)) await syncGroupOrganization(tx, context, organizationId, [], [id]);
    const groups = await tx.directoryGroupMember.deleteMany({ where: { userId: id } });
    await tx.directoryUser.update({ where: { id }, data: { deletedAt: context.now, active: false, updatedAt: context.now } });
    effects.changes.deleted = user.userName;
    if (groups.count) effects.changes.leftGroups = groups.count;
    effects.events.push({
      organizationId,
      action: 'directory.user_deleted',
      target: { type: 'directory_user', id, label: user.email ?? user.userName },
      summary: { userName: user.userName },
    });
    if (user.active || !user.deprovisionedAt) await deprovision(tx, context, directory, user, effects, 'deleted');
    await finish(tx, context, directory, effects);
    return effects.changes;
  });
}

/** A user of the directory, for GET /Users/:id. */
export async function readDirectoryUser(client: Db, directoryId: string, id: string): Promise<StoredUser> {
  if (!isUuid(id)) notFound('User', id);
  const row = await client.directoryUser.findFirst({ where: { id, directoryId, deletedAt: null }, select: USER_SELECT });
  return row ? toStored(row) : notFound('User', id);
}

// Organizations created from groups

/**
 * A new group of a directory that creates organizations becomes an organization of its own, named
 * after it, that shows its source; it starts in Setup and its members come from the group.
 */
async function createOrganizationFromGroup(
  tx: Tx,
  context: CommandContext,
  directory: SyncDirectory,
  group: StoredGroup,
  effects: Effects,
) {
  const base = slugify(group.displayName) || 'directory-group';
  const slug =
    isValidSlug(base) && !(await tx.organization.findUnique({ where: { slug: base }, select: { id: true } }))
      ? base
      : await suggestSlug(tx, isValidSlug(base) ? base : 'directory-group');
  const id = crypto.randomUUID();
  await tx.$executeRaw(
    insertOrganizationStatement(
      context,
      { id, name: group.displayName.slice(0, 100), slug },
      {
        source: { directoryId: directory.id, parentOrganizationId: directory.organizationId, group: group.displayName },
      },
    ),
  );
  await tx.directoryGroup.update({ where: { id: group.id }, data: { createdOrganizationId: id } });
  effects.changes.organizationCreated = slug;
  effects.events.push({
    organizationId: directory.organizationId,
    action: 'directory.group_organization_created',
    target: { type: 'organization', id, label: slug },
    summary: { group: group.displayName, slug },
  });
  return id;
}

/**
 * Keeps an organization created from a group in step with the group: people added (active and
 * linked) join it as members from the directory; people removed, or deprovisioned, are suspended
 * there (never its last active owner). Under its own lock, after the directory's organization's:
 * always in that order, so two requests never wait on each other.
 */
async function syncGroupOrganization(
  tx: Tx,
  context: CommandContext,
  organizationId: string,
  added: readonly string[],
  removed: readonly string[],
) {
  if (!added.length && !removed.length) return;
  if (!(await lockOrganization(tx, organizationId))) return;
  const events: AuditEventInput[] = [];
  const people = await tx.directoryUser.findMany({
    where: { id: { in: [...added, ...removed] }, membershipId: { not: null } },
    select: { id: true, active: true, deletedAt: true, membership: { select: { userId: true, user: { select: { email: true } } } } },
  });
  for (const person of people) {
    const { userId, user } = person.membership!;
    const joining = added.includes(person.id) && person.active && !person.deletedAt;
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: { id: true, status: true, role: true },
    });
    if (joining && !existing) {
      await tx.membership.create({
        data: { organizationId, userId, role: LEAST_PRIVILEGED_ROLE, joinedVia: 'directory', createdAt: context.now },
      });
      events.push({
        organizationId,
        action: 'member.joined',
        target: { type: 'member', id: userId, label: user.email },
        summary: { via: 'directory_group', role: LEAST_PRIVILEGED_ROLE },
      });
    } else if (joining && existing?.status === 'suspended') {
      await tx.membership.update({ where: { id: existing.id }, data: { status: 'active' } });
      events.push({
        organizationId,
        action: 'member.reactivated',
        target: { type: 'member', id: userId, label: user.email },
        summary: { status: { before: 'suspended', after: 'active' }, via: 'directory_group' },
      });
    } else if (!joining && existing?.status === 'active') {
      if (existing.role === 'owner' && (await tx.membership.count({ where: { organizationId, role: 'owner', status: 'active' } })) <= 1)
        continue;
      await tx.membership.update({ where: { id: existing.id }, data: { status: 'suspended' } });
      await endSessionsIfNoActiveMembership(tx, userId);
      events.push({
        organizationId,
        action: 'member.suspended',
        target: { type: 'member', id: userId, label: user.email },
        summary: { status: { before: 'active', after: 'suspended' }, via: 'directory_group' },
      });
    }
  }
  if (events.length) await recomputeOrganizationState(tx, organizationId, context.now, context, events);
}

/** The organizations created from a directory user's groups: deprovisioning and reactivation reach them too. */
async function groupOrganizationsOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.directoryGroupMember.findMany({
    where: { userId, group: { createdOrganizationId: { not: null } } },
    select: { group: { select: { createdOrganizationId: true } } },
  });
  return rows.map((r) => r.group.createdOrganizationId!);
}

// Groups

const GROUP_SELECT = {
  id: true,
  displayName: true,
  externalId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdOrganizationId: true,
} as const;

/** A group of the directory, or 404 (another directory's id is not found either). */
async function findGroup(client: DbOrTx, directoryId: string, id: string): Promise<StoredGroup> {
  if (!isUuid(id)) notFound('Group', id);
  const group = await client.directoryGroup.findFirst({ where: { id, directoryId }, select: GROUP_SELECT });
  return group ?? notFound('Group', id);
}

interface GroupInput {
  displayName: string;
  externalId: string | null;
  /** Null: keep the members (a PUT without members). */
  members: { value: string; display: string | null }[] | null;
}

function groupInput(resource: Resource, keepMembers: boolean): GroupInput {
  const members = Array.isArray(resource.members)
    ? (resource.members as Resource[])
        .filter((m) => typeof m.value === 'string')
        .map((m) => ({ value: String(m.value), display: typeof m.display === 'string' ? m.display : null }))
    : keepMembers
      ? null
      : [];
  return {
    displayName: identifier(resource.displayName, 'displayName'),
    externalId: typeof resource.externalId === 'string' ? resource.externalId : null,
    members,
  };
}

async function assertDisplayNameFree(tx: Tx, directoryId: string, displayName: string, except: string | null) {
  const taken = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM directory_groups
    WHERE directory_id = ${directoryId}::uuid AND lower(display_name) = lower(${displayName})
      ${except ? Prisma.sql`AND id <> ${except}::uuid` : Prisma.empty}
    LIMIT 1`;
  if (taken.length) uniqueness(`A group named "${displayName}" already exists in this directory.`);
}

/**
 * Sets a group's members to `wanted` (ids of this directory's users; unknown ids are ignored and
 * reported), and returns who was added and who removed.
 */
async function setMembers(
  tx: Tx,
  directoryId: string,
  groupId: string,
  wanted: GroupInput['members'],
  effects: Effects,
): Promise<{ added: string[]; removed: string[] }> {
  if (!wanted) return { added: [], removed: [] };
  const current = await tx.directoryGroupMember.findMany({ where: { groupId }, select: { userId: true, display: true } });
  const ids = [...new Set(wanted.map((m) => m.value))];
  const valid = ids.filter(isUuid);
  const existing = valid.length
    ? await tx.directoryUser.findMany({ where: { directoryId, id: { in: valid }, deletedAt: null }, select: { id: true } })
    : [];
  const known = new Set(existing.map((u) => u.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) effects.changes.ignoredMembers = unknown.slice(0, 20);
  const displays = new Map(wanted.map((m) => [m.value, m.display]));
  const before = new Map(current.map((m) => [m.userId, m.display]));
  const added = [...known].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !known.has(id));
  const renamed = [...known].filter((id) => before.has(id) && displays.get(id) && displays.get(id) !== before.get(id));
  if (removed.length) await tx.directoryGroupMember.deleteMany({ where: { groupId, userId: { in: removed } } });
  if (added.length) {
    await tx.directoryGroupMember.createMany({
      data: added.map((userId) => ({ groupId, userId, directoryId, display: displays.get(userId) ?? null })),
    });
  }
  for (const userId of renamed) {
    await tx.directoryGroupMember.update({
      where: { groupId_userId: { groupId, userId } },
      data: { display: displays.get(userId) ?? null },
    });
  }
  if (added.length) effects.changes.membersAdded = added.length;
  if (removed.length) effects.changes.membersRemoved = removed.length;
  return { added, removed };
}

async function groupOutcome(tx: Tx, group: StoredGroup, effects: Effects): Promise<GroupOutcome> {
  const members = (await groupMembers(tx, [group.id])).get(group.id) ?? [];
  return { group, members, changes: effects.changes };
}

/** POST /Groups. */
export async function createDirectoryGroup(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  body: unknown,
): Promise<GroupOutcome> {
  const resource = normalizeResource(GROUP_TYPE, body);
  checkRequired(GROUP_TYPE, resource);
  const input = groupInput(resource, false);
  return inDirectory(client, organizationId, directoryId, async (tx, directory) => {
    await assertDisplayNameFree(tx, directoryId, input.displayName, null);
    const group = await tx.directoryGroup.create({
      data: {
        directoryId,
        organizationId,
        displayName: input.displayName,
        externalId: input.externalId,
        createdAt: context.now,
        updatedAt: context.now,
      },
      select: GROUP_SELECT,
    });
    const effects = newEffects();
    effects.changes.created = input.displayName;
    effects.events.push({
      organizationId,
      action: 'directory.group_created',
      target: { type: 'directory_group', id: group.id, label: input.displayName },
      summary: { displayName: input.displayName },
    });
    const { added } = await setMembers(tx, directoryId, group.id, input.members, effects);
    await syncRoles(tx, directory, added, effects);
    const created = directory.createOrganizations ? await createOrganizationFromGroup(tx, context, directory, group, effects) : null;
    await finish(tx, context, directory, effects);
    if (created) await syncGroupOrganization(tx, context, created, added, []);
    return groupOutcome(tx, group, effects);
  });
}

async function updateDirectoryGroup(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  next: (current: Resource) => GroupInput,
): Promise<GroupOutcome> {
  return inDirectory(client, organizationId, directoryId, async (tx, directory) => {
    const current = await findGroup(tx, directoryId, id);
    const members = (await groupMembers(tx, [id])).get(id) ?? [];
    const input = next({
      displayName: current.displayName,
      ...(current.externalId ? { externalId: current.externalId } : {}),
      members: members.map((m) => ({ value: m.userId, ...(m.display ? { display: m.display } : {}) })),
    });
    const effects = newEffects();
    const renamed = input.displayName !== current.displayName || input.externalId !== current.externalId;
    if (input.displayName.toLowerCase() !== current.displayName.toLowerCase())
      await assertDisplayNameFree(tx, directoryId, input.displayName, id);
    const membership = await setMembers(tx, directoryId, id, input.members, effects);
    let touched = [...membership.added, ...membership.removed];
    let group: StoredGroup = current;
    if (renamed || touched.length) {
      group = await tx.directoryGroup.update({
        where: { id },
        data: { displayName: input.displayName, externalId: input.externalId, version: { increment: 1 }, updatedAt: context.now },
        select: GROUP_SELECT,
      });
      if (renamed) {
        effects.changes.renamed = { before: current.displayName, after: input.displayName };
        // A mapping may name the group: every member's role is re-read.
        touched = [
          ...new Set([
            ...touched,
            ...(await tx.directoryGroupMember.findMany({ where: { groupId: id }, select: { userId: true } })).map((m) => m.userId),
          ]),
        ];
      }
      effects.events.push({
        organizationId,
        action: 'directory.group_updated',
        target: { type: 'directory_group', id, label: input.displayName },
        summary: { ...(renamed ? { displayName: { before: current.displayName, after: input.displayName } } : {}), ...effects.changes },
      });
    }
    await syncRoles(tx, directory, touched, effects);
    await finish(tx, context, directory, effects);
    if (current.createdOrganizationId)
      await syncGroupOrganization(tx, context, current.createdOrganizationId, membership.added, membership.removed);
    return groupOutcome(tx, group, effects);
  });
}

/** PUT /Groups/:id: a PUT without members keeps them (Okta sends them when they change). */
export function replaceDirectoryGroup(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  body: unknown,
) {
  const resource = normalizeResource(GROUP_TYPE, body);
  checkRequired(GROUP_TYPE, resource);
  return updateDirectoryGroup(client, context, directoryId, organizationId, id, () => groupInput(resource, true));
}

/** PATCH /Groups/:id: every operation or none; membership writes to one group serialize. */
export function patchDirectoryGroup(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
  operations: PatchOperation[],
) {
  return updateDirectoryGroup(client, context, directoryId, organizationId, id, (current) =>
    groupInput(applyPatch(GROUP_TYPE, current, operations), false),
  );
}

/** DELETE /Groups/:id: its members' roles are re-read without it. */
export async function deleteDirectoryGroup(
  client: Db,
  context: CommandContext,
  directoryId: string,
  organizationId: string,
  id: string,
): Promise<Changes> {
  return inDirectory(client, organizationId, directoryId, async (tx, directory) => {
    const group = await findGroup(tx, directoryId, id);
    const members = await tx.directoryGroupMember.findMany({ where: { groupId: id }, select: { userId: true } });
    await tx.directoryGroup.delete({ where: { id } });
    // Its organization stays; the people the group brought are suspended there.
    if (group.createdOrganizationId)
      await syncGroupOrganization(
        tx,
        context,
        group.createdOrganizationId,
        [],
        members.map((m) => m.userId),
      );
    const effects = newEffects();
    effects.changes.deleted = group.displayName;
    effects.events.push({
      organizationId,
      action: 'directory.group_deleted',
      target: { type: 'directory_group', id, label: group.displayName },
      summary: { displayName: group.displayName, members: members.length },
    });
    await syncRoles(
      tx,
      directory,
      members.map((m) => m.userId),
      effects,
    );
    await finish(tx, context, directory, effects);
    return effects.changes;
  });
}

/** A group of the directory with its members, for GET /Groups/:id. */
export async function readDirectoryGroup(client: Db, directoryId: string, id: string, withMembers: boolean) {
  const group = await findGroup(client, directoryId, id);
  const members = withMembers ? ((await groupMembers(client, [id])).get(id) ?? []) : null;
  return { group, members };
}
