import crypto from 'node:crypto';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import type { Db, Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { recomputeOrganizationState, type StateChangeCause } from '@/lib/organizations/recompute';
import { lookupTxt } from './dns';
import { verificationRecord } from './normalize';
import {
  type CheckOutcome,
  evaluateTxtAnswer,
  hasPendingExpired,
  nextPendingCheck,
  REVERIFY_EVERY_MS,
  type TxtAnswer,
} from './verification';

export type TxtLookup = (name: string) => Promise<TxtAnswer>;

export function newVerificationToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

type DomainRow = Awaited<ReturnType<Tx['domain']['findUniqueOrThrow']>>;

/** Who checked: the scheduler, or whoever chose "Verify now". */
const DOMAIN_CHECKS: StateChangeCause = { principal: systemPrincipal('domain checks'), request: { ip: null, requestId: null } };

const heldElsewhere = (name: string) =>
  `The record is in place, but ${name} is verified by another organization. A domain can be verified by one organization at a time; remove it there first.`;

function audit(
  tx: Tx,
  cause: StateChangeCause,
  now: Date,
  domain: DomainRow,
  action: 'domain.verified' | 'domain.unverified' | 'domain.failed',
  reason: string,
) {
  return recordAudit(
    tx,
    { ...cause, now },
    {
      organizationId: domain.organizationId,
      action,
      target: { type: 'domain', id: domain.id, label: domain.name },
      summary: {
        status: {
          before: domain.status,
          after: action === 'domain.verified' ? 'verified' : action === 'domain.failed' ? 'failed' : 'pending',
        },
        result: reason,
      },
    },
  );
}

async function applyOutcome(tx: Tx, domain: DomainRow, outcome: CheckOutcome, now: Date, cause: StateChangeCause) {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: domain.organizationId }, select: { autoJoinEnabled: true } });
  const base = { lastCheckedAt: now, checkAttempts: domain.checkAttempts + 1 };
  if (outcome.kind === 'match') {
    if (domain.status === 'verified') {
      await tx.domain.update({
        where: { id: domain.id },
        data: {
          ...base,
          checkAttempts: 0,
          lastCheckResult: 'Verified: the record is in place.',
          nextCheckAt: new Date(now.getTime() + REVERIFY_EVERY_MS),
        },
      });
      return;
    }
    const elsewhere = await tx.domain.findFirst({
      where: { name: domain.name, status: 'verified', organizationId: { not: domain.organizationId } },
      select: { id: true },
    });
    if (elsewhere) {
      await recordHeldElsewhere(tx, domain, now);
      return;
    }
    const dependents = organization.autoJoinEnabled ? [...new Set([...domain.dependents, 'auto_join'])] : domain.dependents;
    await tx.domain.update({
      where: { id: domain.id },
      data: {
        ...base,
        status: 'verified',
        verifiedAt: now,
        checkAttempts: 0,
        dependents,
        lastCheckResult: 'Verified: the record is in place.',
        nextCheckAt: new Date(now.getTime() + REVERIFY_EVERY_MS),
      },
    });
    await audit(tx, cause, now, domain, 'domain.verified', 'The record is in place.');
    await recomputeOrganizationState(tx, domain.organizationId, now, cause);
    return;
  }
  if (outcome.kind === 'temporary') {
    // A DNS hiccup never fails or un-verifies a domain on the spot.
    await tx.domain.update({
      where: { id: domain.id },
      data: {
        ...base,
        lastCheckResult: outcome.words,
        nextCheckAt:
          domain.status === 'verified'
            ? new Date(now.getTime() + 60 * 60_000)
            : domain.status === 'failed'
              ? null
              : nextPendingCheck(now, base.checkAttempts),
      },
    });
    return;
  }
  if (domain.status === 'verified') {
    // The record has gone: the domain is unverified at once, and whatever depends on it stops.
    await tx.domain.update({
      where: { id: domain.id },
      data: {
        ...base,
        status: 'pending',
        pendingSince: now,
        checkAttempts: 1,
        lastCheckResult: `The verification record is gone. ${outcome.words}`,
        nextCheckAt: nextPendingCheck(now, 1),
      },
    });
    await audit(tx, cause, now, domain, 'domain.unverified', `The verification record is gone. ${outcome.words}`);
    await recomputeOrganizationState(tx, domain.organizationId, now, cause);
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
  if (failed !== (domain.status === 'failed')) {
    await audit(tx, cause, now, domain, 'domain.failed', `Not verified within 7 days. ${outcome.words}`);
    await recomputeOrganizationState(tx, domain.organizationId, now, cause);
  }
}

async function recordHeldElsewhere(tx: Tx, domain: DomainRow, now: Date) {
  await tx.domain.update({
    where: { id: domain.id },
    data: {
      lastCheckedAt: now,
      checkAttempts: domain.checkAttempts + 1,
      lastCheckResult: heldElsewhere(domain.name),
      nextCheckAt: domain.status === 'failed' ? null : nextPendingCheck(now, domain.checkAttempts + 1),
    },
  });
}

/** Checks one domain's TXT record now and records the outcome. */
export async function checkDomain(
  client: Db,
  domainId: string,
  now: Date,
  lookup: TxtLookup = lookupTxt,
  cause: StateChangeCause = DOMAIN_CHECKS,
) {
  const domain = await client.domain.findUnique({ where: { id: domainId } });
  if (!domain?.verificationToken) return null;
  const record = verificationRecord(domain.name, domain.verificationToken);
  const outcome = evaluateTxtAnswer(await lookup(record.name), record.value);
  const apply = (then: (tx: Tx, current: DomainRow) => Promise<void>) =>
    client.$transaction(async (tx) => {
      const current = await tx.domain.findUnique({ where: { id: domainId } });
      // Removed, or its token changed, while DNS answered: nothing to record.
      if (!current || current.verificationToken !== domain.verificationToken) return;
      await then(tx, current);
    });
  try {
    await apply((tx, current) => applyOutcome(tx, current, outcome, now, cause));
  } catch (error) {
    // The partial unique index on verified names settles a race between two organizations
    // verifying one name: the loser is told, in the same words as when it checks after.
    if (!isUniqueViolation(error)) throw error;
    await apply((tx, current) => recordHeldElsewhere(tx, current, now));
  }
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
