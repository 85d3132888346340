import crypto from 'node:crypto';
import { auditInsertStatement, changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import type { Db, DbOrTx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { deriveLaunchChecks, emptyLaunchFacts, launchRank, summarizeLaunch } from './launch';
import { lockOrganization, recomputeOrganizationState } from './recompute';
import type { CreateOrganizationInput, DeleteOrganizationInput, UpdateOrganizationInput } from './schemas';
import { SLUG_MAX, suggestFreeSlug } from './slug';
import { deriveOrganizationState, emptyOrganizationFacts, nextStateChangeAt } from './state';

/** A free alternative to a taken slug, checked against the database in one query. */
export async function suggestSlug(client: DbOrTx, slug: string): Promise<string> {
  const root = slug.slice(0, SLUG_MAX - 4).replace(/-+$/, '');
  const taken = await client.organization.findMany({
    where: { slug: { startsWith: root } },
    select: { slug: true },
  });
  const set = new Set(taken.map((row) => row.slug));
  return suggestFreeSlug(slug, (candidate) => set.has(candidate));
}

async function slugTaken(client: Db, input: { slug: string; name?: string }) {
  const suggestion = await suggestSlug(client, input.slug);
  return fail('slug_taken', `The slug “${input.slug}” is already taken. Try “${suggestion}”.`, {
    fieldErrors: { slug: [`“${input.slug}” is already taken. “${suggestion}” is free.`] },
    hint: { suggestedSlug: suggestion },
    values: { slug: input.slug, ...(input.name !== undefined ? { name: input.name } : {}) },
  });
}

const organizationTarget = (organization: { id: string; slug: string }) => ({
  type: 'organization',
  id: organization.id,
  label: organization.slug,
});

/**
 * The one statement that creates an organization: it claims a slug that used to redirect
 * elsewhere, inserts the row with the empty organization's state (no recompute to read what can't
 * exist yet), and writes the audit event, all or nothing. `summary` adds to the event's.
 */
export function insertOrganizationStatement(
  context: CommandContext,
  organization: { id: string; name: string; slug: string },
  summary: Record<string, unknown> = {},
) {
  const { now } = context;
  const facts = emptyOrganizationFacts();
  const derived = deriveOrganizationState(facts, now);
  // Nothing to fingerprint: an empty organization has sent no test invitation.
  const launch = summarizeLaunch(deriveLaunchChecks(emptyLaunchFacts(derived.state), now, ''));
  const audit = auditInsertStatement(context, [
    {
      organizationId: organization.id,
      action: 'organization.created',
      target: organizationTarget(organization),
      summary: { name: organization.name, slug: organization.slug, ...summary },
    },
  ]);
  return Prisma.sql`
    WITH reclaimed AS (DELETE FROM organization_slug_redirects WHERE slug = ${organization.slug}),
    created AS (
      INSERT INTO organizations (id, name, slug, state, state_reasons, state_valid_until, created_at, updated_at, last_activity_at,
        launch_passed, launch_applicable, launch_failing, launch_rank)
      VALUES (${organization.id}::uuid, ${organization.name}, ${organization.slug}, ${derived.state}::"OrganizationState",
        ${JSON.stringify(derived.reasons)}::jsonb, ${nextStateChangeAt(facts, now)}, ${now}, ${now}, ${now},
        ${launch.passed}, ${launch.applicable}, ${launch.failing}::text[], ${launchRank(launch, false)})
    ),
    audited AS (${audit})
    SELECT 1`;
}

export async function createOrganization(client: Db, context: CommandContext, input: CreateOrganizationInput) {
  const created = { id: crypto.randomUUID(), slug: input.slug };
  try {
    // One statement, so no transaction round trips.
    await client.$executeRaw(insertOrganizationStatement(context, { ...created, name: input.name }));
    return ok(created);
  } catch (error) {
    // The unique index decides races: exactly one of two simultaneous creates wins.
    if (isUniqueViolation(error)) return slugTaken(client, input);
    throw error;
  }
}

/**
 * Changes an organization's name, slug or both, in one transaction under its lock: the REST API's
 * update, and the console's rename and change-slug forms. A new slug keeps the old one as a
 * redirect. Each changed field writes its own audit event; nothing changed writes none.
 */
export async function updateOrganization(
  client: Db,
  context: CommandContext,
  input: UpdateOrganizationInput,
): Promise<Result<{ slug: string; previousSlug: string }>> {
  try {
    return await client.$transaction(async (tx) => {
      if (!(await lockOrganization(tx, input.organizationId))) return notFound();
      const before = await tx.organization.findUniqueOrThrow({
        where: { id: input.organizationId },
        select: { id: true, name: true, slug: true },
      });
      const name = input.name !== undefined && input.name !== before.name ? input.name : undefined;
      const slug = input.slug !== undefined && input.slug !== before.slug ? input.slug : undefined;
      if (name === undefined && slug === undefined) return ok({ slug: before.slug, previousSlug: before.slug });
      if (slug !== undefined) await tx.organizationSlugRedirect.deleteMany({ where: { slug } });
      await tx.organization.update({ where: { id: input.organizationId }, data: { name, slug } });
      if (slug !== undefined) {
        await tx.organizationSlugRedirect.upsert({
          where: { slug: before.slug },
          create: { slug: before.slug, organizationId: input.organizationId },
          update: { organizationId: input.organizationId },
        });
      }
      if (name !== undefined) {
        await recordAudit(tx, context, {
          organizationId: before.id,
          action: 'organization.renamed',
          target: organizationTarget({ id: before.id, slug: slug ?? before.slug }),
          summary: changedFields({ name: before.name }, { name }),
        });
      }
      if (slug !== undefined) {
        await recordAudit(tx, context, {
          organizationId: before.id,
          action: 'organization.slug_changed',
          target: { type: 'organization', id: before.id, label: slug },
          summary: changedFields({ slug: before.slug }, { slug }),
        });
      }
      return ok({ slug: slug ?? before.slug, previousSlug: before.slug });
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.slug !== undefined) return slugTaken(client, { slug: input.slug, name: input.name });
    throw error;
  }
}

export async function setOrganizationSuspended(
  client: Db,
  context: CommandContext,
  organizationId: string,
  suspended: boolean,
): Promise<Result<{ slug: string }>> {
  const { now } = context;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, organizationId))) return notFound();
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { id: true, slug: true, status: true },
    });
    const status = suspended ? 'suspended' : 'active';
    if (before.status === status) return ok({ slug: before.slug });
    await tx.organization.update({ where: { id: organizationId }, data: { status, suspendedAt: suspended ? now : null } });
    await recordAudit(tx, context, {
      organizationId,
      action: suspended ? 'organization.suspended' : 'organization.reactivated',
      target: organizationTarget(before),
      summary: changedFields({ status: before.status }, { status }),
    });
    await recomputeOrganizationState(tx, organizationId, now, context);
    return ok({ slug: before.slug });
  });
}

export async function deleteOrganization(
  client: Db,
  context: CommandContext,
  input: DeleteOrganizationInput,
): Promise<Result<{ slug: string }>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: input.organizationId },
      select: { id: true, slug: true, name: true, state: true, memberCount: true },
    });
    if (input.confirmSlug !== organization.slug) {
      return fail('confirm_mismatch', 'The slug you typed doesn’t match. Nothing was deleted.', {
        fieldErrors: { confirmSlug: [`Type “${organization.slug}” exactly to confirm.`] },
        values: { confirmSlug: input.confirmSlug },
      });
    }
    await tx.organization.delete({ where: { id: input.organizationId } });
    // The event outlives the organization: audit rows have no foreign key to cascade.
    await recordAudit(tx, context, {
      organizationId: organization.id,
      action: 'organization.deleted',
      target: organizationTarget(organization),
      summary: { name: organization.name, state: organization.state, memberCount: organization.memberCount },
    });
    return ok({ slug: organization.slug });
  });
}
