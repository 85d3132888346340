import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import type { Db, Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { checkDomain, newVerificationToken, type TxtLookup } from './checker';
import { consumerDomainCheck } from './consumer';
import { lookupTxt } from './dns';
import { normalizeDomainInput } from './normalize';
import type { AddDomainInput, DomainRefInput, EnableAutoJoinInput, IncludeSubdomainsInput } from './schemas';

export async function addDomain(client: Db, context: CommandContext, input: AddDomainInput): Promise<Result<{ id: string; name: string }>> {
  const { now } = context;
  const normalized = normalizeDomainInput(input.domain, await consumerDomainCheck());
  if (!normalized.ok) {
    const message = normalized.suggestion ? `${normalized.reason} Keep just “${normalized.suggestion}”?` : normalized.reason;
    return fail('invalid_input', message, {
      fieldErrors: { domain: [message] },
      values: { domain: input.domain },
      hint: normalized.suggestion ? { suggestedDomain: normalized.suggestion } : undefined,
    });
  }
  try {
    return await client.$transaction(async (tx) => {
      if (!(await lockOrganization(tx, input.organizationId))) return notFound();
      const domain = await tx.domain.create({
        data: {
          organizationId: input.organizationId,
          name: normalized.name,
          displayName: normalized.displayName,
          verificationToken: newVerificationToken(),
          pendingSince: now,
          nextCheckAt: now,
          createdAt: now,
        },
      });
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: 'domain.added',
        target: { type: 'domain', id: domain.id, label: domain.name },
        summary: {
          name: domain.name,
          ...(domain.displayName && domain.displayName !== domain.name ? { displayName: domain.displayName } : {}),
        },
      });
      return ok({ id: domain.id, name: domain.name });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail('already_added', `${normalized.name} is already on this organization.`, {
        fieldErrors: { domain: [`${normalized.name} is already on this organization.`] },
        values: { domain: input.domain },
      });
    }
    throw error;
  }
}

async function scopedDomain(client: Db, input: DomainRefInput) {
  // Scoped by organization: another organization's domain id answers "not found".
  return client.domain.findFirst({ where: { id: input.domainId, organizationId: input.organizationId } });
}

/** "Verify now": checks DNS at once and records the outcome. */
export async function verifyDomainNow(client: Db, context: CommandContext, input: DomainRefInput, lookup: TxtLookup = lookupTxt) {
  const domain = await scopedDomain(client, input);
  if (!domain) return notFound();
  const outcome = await checkDomain(client, domain.id, context.now, lookup, context);
  const after = await client.domain.findUniqueOrThrow({ where: { id: domain.id } });
  return ok({ status: after.status, result: after.lastCheckResult ?? '', outcome: outcome?.kind ?? 'absent' });
}

export async function setIncludeSubdomains(client: Db, context: CommandContext, input: IncludeSubdomainsInput) {
  return client.$transaction(async (tx) => {
    const domain = await tx.domain.findFirst({ where: { id: input.domainId, organizationId: input.organizationId } });
    if (!domain) return notFound();
    if (domain.includeSubdomains === input.includeSubdomains) return ok({ includeSubdomains: input.includeSubdomains });
    await tx.domain.update({ where: { id: domain.id }, data: { includeSubdomains: input.includeSubdomains } });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'domain.subdomains_changed',
      target: { type: 'domain', id: domain.id, label: domain.name },
      summary: { includeSubdomains: { before: domain.includeSubdomains, after: input.includeSubdomains } },
    });
    return ok({ includeSubdomains: input.includeSubdomains });
  });
}

export async function removeDomain(
  client: Db,
  context: CommandContext,
  input: DomainRefInput,
): Promise<Result<{ name: string; autoJoinTurnedOff: boolean }>> {
  const { now } = context;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const domain = await tx.domain.findFirst({ where: { id: input.domainId, organizationId: input.organizationId } });
    if (!domain) return notFound();
    await tx.domain.delete({ where: { id: domain.id } });
    // Auto-join needs a verified domain: with the last one gone, it turns off.
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId } });
    const verifiedLeft = await tx.domain.count({ where: { organizationId: input.organizationId, status: 'verified' } });
    const autoJoinTurnedOff = organization.autoJoinEnabled && verifiedLeft === 0;
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'domain.removed',
      target: { type: 'domain', id: domain.id, label: domain.name },
      summary: { status: domain.status },
    });
    if (autoJoinTurnedOff) {
      await turnAutoJoinOff(tx, input.organizationId);
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: 'auto_join.disabled',
        target: { type: 'organization', id: input.organizationId, label: organization.slug },
        summary: { reason: `The last verified domain (${domain.name}) was removed.` },
      });
    }
    await recomputeOrganizationState(tx, input.organizationId, now, context);
    return ok({ name: domain.name, autoJoinTurnedOff });
  });
}

async function turnAutoJoinOff(tx: Tx, organizationId: string) {
  await tx.organization.update({ where: { id: organizationId }, data: { autoJoinEnabled: false } });
  const domains = await tx.domain.findMany({ where: { organizationId, dependents: { has: 'auto_join' } } });
  for (const domain of domains) {
    await tx.domain.update({ where: { id: domain.id }, data: { dependents: domain.dependents.filter((d) => d !== 'auto_join') } });
  }
}

/**
 * Turns auto-join on. The server insists on both conditions, whatever the form sent: at least one
 * verified domain, and an explicit approval, recorded with who, when and the role.
 */
export async function enableAutoJoin(client: Db, context: CommandContext, input: EnableAutoJoinInput) {
  const { now, principal } = context;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const verified = await tx.domain.findMany({ where: { organizationId: input.organizationId, status: 'verified' } });
    if (!verified.length) {
      return fail('no_verified_domain', 'Auto-join needs at least one verified domain. Verify a domain first.');
    }
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: input.organizationId },
      select: { slug: true, autoJoinEnabled: true, autoJoinRole: true },
    });
    const approvedBy = principalRecord(principal).email ?? principalRecord(principal).kind;
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { autoJoinEnabled: true, autoJoinRole: input.role, autoJoinApprovedAt: now, autoJoinApprovedBy: approvedBy },
    });
    for (const domain of verified) {
      await tx.domain.update({ where: { id: domain.id }, data: { dependents: [...new Set([...domain.dependents, 'auto_join'])] } });
    }
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'auto_join.enabled',
      target: { type: 'organization', id: input.organizationId, label: before.slug },
      summary: {
        ...changedFields({ enabled: before.autoJoinEnabled, role: before.autoJoinRole }, { enabled: true, role: input.role }),
        domains: verified.map((d) => d.name),
      },
    });
    await recomputeOrganizationState(tx, input.organizationId, now, context);
    return ok({ role: input.role, domains: verified.map((d) => d.name) });
  });
}

export async function disableAutoJoin(client: Db, context: CommandContext, organizationId: string) {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, organizationId))) return notFound();
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { slug: true, autoJoinEnabled: true },
    });
    if (!before.autoJoinEnabled) return ok({ enabled: false });
    await turnAutoJoinOff(tx, organizationId);
    await recordAudit(tx, context, {
      organizationId,
      action: 'auto_join.disabled',
      target: { type: 'organization', id: organizationId, label: before.slug },
      summary: { enabled: { before: true, after: false } },
    });
    await recomputeOrganizationState(tx, organizationId, context.now, context);
    return ok({ enabled: false });
  });
}
