import { memberPrincipal } from '@/lib/access/permissions';
import { recordAudit } from '@/lib/audit/record';
import type { Db, DbOrTx } from '@/lib/db/client';
import { domainMatches, parentNames } from '@/lib/domains/match';
import { emailDomain } from '@/lib/email/address';

/**
 * Require SSO: whether an address may sign in with an email link. Each active organization that
 * requires SSO and has a verified domain matching the address refuses it, unless the address is
 * one of that organization's break-glass owners (an active owner marked so). An address no such
 * organization claims is unaffected.
 */
export async function emailLinkPolicy(client: DbOrTx, email: string) {
  const domain = emailDomain(email);
  const claims = await client.domain.findMany({
    where: { name: { in: parentNames(domain) }, status: 'verified', organization: { requireSso: true, status: 'active' } },
    select: { name: true, includeSubdomains: true, organizationId: true },
  });
  const organizationIds = [
    ...new Set(claims.filter((d) => domainMatches(domain, d.name, d.includeSubdomains)).map((d) => d.organizationId)),
  ];
  if (!organizationIds.length) return { refused: false, breakGlassFor: [] as string[] };
  const breakGlass = await client.membership.findMany({
    where: { organizationId: { in: organizationIds }, user: { email }, role: 'owner', status: 'active', breakGlass: true },
    select: { organizationId: true },
  });
  const allowed = new Set(breakGlass.map((m) => m.organizationId));
  return { refused: organizationIds.some((id) => !allowed.has(id)), breakGlassFor: [...allowed] };
}

/**
 * A break-glass owner signed in with an email link while their organization requires SSO: each
 * such use is audited in that organization (the Overview lists the recent ones).
 */
export async function recordBreakGlassSignIns(client: Db, user: { id: string; email: string }, now: Date) {
  const { breakGlassFor } = await emailLinkPolicy(client, user.email);
  for (const organizationId of breakGlassFor) {
    await client.$transaction(async (tx) => {
      const context = {
        principal: await memberPrincipal(tx, { userId: user.id, email: user.email, organizationId, role: 'owner' }),
        now,
        request: { ip: null, requestId: null },
      };
      await recordAudit(tx, context, {
        organizationId,
        action: 'sso.break_glass_used',
        target: { type: 'member', id: user.id, label: user.email },
        summary: { via: 'email_link' },
      });
    });
  }
  return breakGlassFor;
}
