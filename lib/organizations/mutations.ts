import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { recomputeOrganizationState } from './recompute';
import type { ChangeSlugInput, CreateOrganizationInput, DeleteOrganizationInput, RenameOrganizationInput } from './schemas';
import { SLUG_MAX, suggestFreeSlug } from './slug';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A free alternative to a taken slug, checked against the database in one query. */
export async function suggestSlug(client: Db, slug: string): Promise<string> {
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

export async function createOrganization(client: Db, input: CreateOrganizationInput, now: Date) {
  try {
    const organization = await client.$transaction(async (tx) => {
      // A new organization claims a slug that used to redirect elsewhere.
      await tx.organizationSlugRedirect.deleteMany({ where: { slug: input.slug } });
      const created = await tx.organization.create({
        data: { name: input.name, slug: input.slug, createdAt: now },
        select: { id: true, slug: true },
      });
      await recomputeOrganizationState(tx, created.id, now);
      return created;
    });
    return ok(organization);
  } catch (error) {
    // The unique index decides races: exactly one of two simultaneous creates wins.
    if (isUniqueViolation(error)) return slugTaken(client, input);
    throw error;
  }
}

export async function renameOrganization(client: Db, input: RenameOrganizationInput): Promise<Result<{ slug: string }>> {
  const { count } = await client.organization.updateMany({
    where: { id: input.organizationId },
    data: { name: input.name },
  });
  if (!count) return notFound();
  const organization = await client.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { slug: true } });
  return ok(organization);
}

export async function changeOrganizationSlug(
  client: Db,
  input: ChangeSlugInput,
): Promise<Result<{ slug: string; previousSlug: string }>> {
  try {
    return await client.$transaction(async (tx) => {
      const current = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { slug: true } });
      if (!current) return notFound();
      if (current.slug === input.slug) return ok({ slug: input.slug, previousSlug: current.slug });
      await tx.organizationSlugRedirect.deleteMany({ where: { slug: input.slug } });
      await tx.organization.update({ where: { id: input.organizationId }, data: { slug: input.slug } });
      await tx.organizationSlugRedirect.upsert({
        where: { slug: current.slug },
        create: { slug: current.slug, organizationId: input.organizationId },
        update: { organizationId: input.organizationId },
      });
      return ok({ slug: input.slug, previousSlug: current.slug });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken(client, input);
    throw error;
  }
}

export async function setOrganizationSuspended(
  client: Db,
  organizationId: string,
  suspended: boolean,
  now: Date,
): Promise<Result<{ slug: string }>> {
  return client.$transaction(async (tx) => {
    const { count } = await tx.organization.updateMany({
      where: { id: organizationId },
      data: { status: suspended ? 'suspended' : 'active', suspendedAt: suspended ? now : null },
    });
    if (!count) return notFound();
    await recomputeOrganizationState(tx, organizationId, now);
    return ok(await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { slug: true } }));
  });
}

export async function deleteOrganization(client: Db, input: DeleteOrganizationInput): Promise<Result<{ slug: string }>> {
  return client.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { slug: true } });
    if (!organization) return notFound();
    if (input.confirmSlug !== organization.slug) {
      return fail('confirm_mismatch', 'The slug you typed doesn’t match. Nothing was deleted.', {
        fieldErrors: { confirmSlug: [`Type “${organization.slug}” exactly to confirm.`] },
        values: { confirmSlug: input.confirmSlug },
      });
    }
    await tx.organization.delete({ where: { id: input.organizationId } });
    return ok(organization);
  });
}
