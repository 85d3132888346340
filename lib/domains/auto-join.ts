import { memberPrincipal } from '@/lib/access/permissions';
import { recordAudit } from '@/lib/audit/record';
import type { RequestMeta } from '@/lib/commands/define';
import type { Db } from '@/lib/db/client';
import { emailDomain } from '@/lib/email/address';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { domainMatches, parentNames } from './match';

/**
 * Auto-join after a sign-in: a user whose email is verified joins every organization that has
 * auto-join on and a verified domain matching the address, with the approved role. Each join is
 * end-user activity. Returns the organizations joined.
 */
export async function autoJoinOnSignIn(client: Db, userId: string, now: Date, request: RequestMeta = { ip: null, requestId: null }) {
  const user = await client.user.findUnique({ where: { id: userId } });
  if (!user?.emailVerified) return [];
  const domain = emailDomain(user.email);
  const candidates = await client.domain.findMany({
    where: {
      name: { in: parentNames(domain) },
      status: 'verified',
      organization: { autoJoinEnabled: true, status: 'active' },
    },
    select: { name: true, includeSubdomains: true, organizationId: true },
  });
  const organizationIds = [
    ...new Set(candidates.filter((d) => domainMatches(domain, d.name, d.includeSubdomains)).map((d) => d.organizationId)),
  ];
  const joined: string[] = [];
  for (const organizationId of organizationIds) {
    const didJoin = await client.$transaction(async (tx) => {
      if (!(await lockOrganization(tx, organizationId))) return false;
      // Re-check under the lock: auto-join or the domain may have changed since.
      const organization = await tx.organization.findUnique({ where: { id: organizationId } });
      const verified = await tx.domain.findMany({ where: { organizationId, status: 'verified', name: { in: parentNames(domain) } } });
      if (!organization?.autoJoinEnabled || !verified.some((d) => domainMatches(domain, d.name, d.includeSubdomains))) return false;
      const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
      if (existing) return false;
      await tx.membership.create({
        data: { organizationId, userId, role: organization.autoJoinRole, joinedVia: 'auto_join', createdAt: now },
      });
      await tx.endUserActivity.create({ data: { organizationId, kind: 'auto_join', actorEmail: user.email, occurredAt: now } });
      const context = {
        principal: await memberPrincipal(tx, { userId, email: user.email, organizationId, role: organization.autoJoinRole }),
        now,
        request,
      };
      await recordAudit(tx, context, {
        organizationId,
        action: 'member.joined',
        target: { type: 'member', id: userId, label: user.email },
        summary: { via: 'auto_join', role: organization.autoJoinRole, domain },
      });
      await recomputeOrganizationState(tx, organizationId, now, context);
      return true;
    });
    if (didJoin) joined.push(organizationId);
  }
  return joined;
}
