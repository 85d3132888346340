import crypto from 'node:crypto';
import type { Db, Tx } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { lookupTxt } from './dns';
import { verificationRecord } from './normalize';
import {
  REVERIFY_EVERY_MS,
  evaluateTxtAnswer,
  hasPendingExpired,
  nextPendingCheck,
  type CheckOutcome,
  type TxtAnswer,
} from './verification';

export type TxtLookup = (name: string) => Promise<TxtAnswer>;

export function newVerificationToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** Serializes verification of one name across organizations: at most one may hold it verified. */
async function lockDomainName(tx: Tx, name: string) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`domain:${name}`}))::text AS locked`;
}

type DomainRow = Awaited<ReturnType<Tx['domain']['findUniqueOrThrow']>>;

async function applyOutcome(tx: Tx, domain: DomainRow, outcome: CheckOutcome, now: Date) {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: domain.organizationId }, select: { autoJoinEnabled: true } });
  const base = { lastCheckedAt: now, checkAttempts: domain.checkAttempts + 1 };
  if (outcome.kind === 'match') {
    if (domain.status === 'verified') {
      await tx.domain.update({ where: { id: domain.id }, data: { ...base, checkAttempts: 0, lastCheckResult: 'Verified: the record is in place.', nextCheckAt: new Date(now.getTime() + REVERIFY_EVERY_MS) } });
      return;
    }
    await lockDomainName(tx, domain.name);
    const elsewhere = await tx.domain.findFirst({
      where: { name: domain.name, status: 'verified', organizationId: { not: domain.organizationId } },
      select: { id: true },
    });
    if (elsewhere) {
      await tx.domain.update({
        where: { id: domain.id },
        data: {
          ...base,
          lastCheckResult: `The record is in place, but ${domain.name} is verified by another organization. A domain can be verified by one organization at a time; remove it there first.`,
          nextCheckAt: domain.status === 'failed' ? null : nextPendingCheck(now, base.checkAttempts),
        },
      });
      return;
    }
    const dependents = organization.autoJoinEnabled ? [...new Set([...domain.dependents, 'auto_join'])] : domain.dependents;
    await tx.domain.update({
      where: { id: domain.id },
      data: { ...base, status: 'verified', verifiedAt: now, checkAttempts: 0, dependents, lastCheckResult: 'Verified: the record is in place.', nextCheckAt: new Date(now.getTime() + REVERIFY_EVERY_MS) },
    });
    await recomputeOrganizationState(tx, domain.organizationId, now);
    return;
  }
  if (outcome.kind === 'temporary') {
    // A DNS hiccup never fails or un-verifies a domain on the spot.
    await tx.domain.update({
      where: { id: domain.id },
      data: {
        ...base,
        lastCheckResult: outcome.words,
        nextCheckAt: domain.status === 'verified' ? new Date(now.getTime() + 60 * 60_000) : domain.status === 'failed' ? null : nextPendingCheck(now, base.checkAttempts),
      },
    });
    return;
  }
  if (domain.status === 'verified') {
    // The record has gone: the domain is unverified at once, and whatever depends on it stops.
    await tx.domain.update({
      where: { id: domain.id },
      data: { ...base, status: 'pending', pendingSince: now, checkAttempts: 1, lastCheckResult: `The verification record is gone. ${outcome.words}`, nextCheckAt: nextPendingCheck(now, 1) },
    });
    await recomputeOrganizationState(tx, domain.organizationId, now);
    return;
  }
  const failed = domain.status === 'failed' || hasPendingExpired(domain.pendingSince, now);
  await tx.domain.update({
    where: { id: domain.id },
    data: {
      ...base,
      status: failed ? 'failed' : 'pending',
      lastCheckResult: failed ? `Not verified within 7 days. ${outcome.words} Fix the record, then choose Verify now.` : outcome.words,
      nextCheckAt: failed ? null : nextPendingCheck(now, base.checkAttempts),
    },
  });
  if (failed !== (domain.status === 'failed')) await recomputeOrganizationState(tx, domain.organizationId, now);
}

/** Checks one domain's TXT record now and records the outcome. */
export async function checkDomain(client: Db, domainId: string, now: Date, lookup: TxtLookup = lookupTxt) {
  const domain = await client.domain.findUnique({ where: { id: domainId } });
  if (!domain || !domain.verificationToken) return null;
  const record = verificationRecord(domain.name, domain.verificationToken);
  const outcome = evaluateTxtAnswer(await lookup(record.name), record.value);
  await client.$transaction(async (tx) => {
    const current = await tx.domain.findUnique({ where: { id: domainId } });
    // Removed, or its token changed, while DNS answered: nothing to record.
    if (!current || current.verificationToken !== domain.verificationToken) return;
    await applyOutcome(tx, current, outcome, now);
  });
  return outcome;
}

/**
 * The background checker: pending domains retry with backoff, verified ones are re-checked
 * daily. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so instances share the work.
 */
export async function runDueDomainChecks(client: Db, now: Date, lookup: TxtLookup = lookupTxt, limit = 25) {
  const lease = new Date(now.getTime() + 10 * 60_000);
  const due = await client.$queryRaw<{ id: string }[]>`
    UPDATE domains SET next_check_at = ${lease}
    WHERE id IN (
      SELECT id FROM domains
      WHERE status IN ('pending', 'verified') AND next_check_at IS NOT NULL AND next_check_at <= ${now}
      ORDER BY next_check_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  for (const { id } of due) await checkDomain(client, id, now, lookup);
  return due.length;
}
