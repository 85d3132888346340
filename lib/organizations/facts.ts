import type { DbOrTx } from '@/lib/db/client';
import { lastEndUserActivityAt } from './activity';
import type { OrganizationFacts } from './state';

/** Reads the facts that deriveOrganizationState() needs for one organization. */
export async function loadOrganizationFacts(tx: DbOrTx, organizationId: string): Promise<OrganizationFacts | null> {
  const organization = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { status: true, ssoConnection: true, directory: true },
  });
  if (!organization) return null;
  const [memberGroups, openInvitations, acceptedInvitationCount, domains, lastActivity] = await Promise.all([
    tx.membership.groupBy({ by: ['status'], where: { organizationId }, _count: { _all: true } }),
    tx.invitation.findMany({
      where: { organizationId, isTest: false, status: { in: ['pending', 'expired'] } },
      select: { email: true, status: true, expiresAt: true, deliveryStatus: true, deliveryError: true },
    }),
    tx.invitation.count({ where: { organizationId, isTest: false, status: 'accepted' } }),
    tx.domain.findMany({ where: { organizationId }, select: { name: true, status: true, dependents: true } }),
    lastEndUserActivityAt(tx, organizationId),
  ]);
  const memberCount = memberGroups.reduce((sum, group) => sum + group._count._all, 0);
  const activeMemberCount = memberGroups.find((group) => group.status === 'active')?._count._all ?? 0;
  return {
    status: organization.status,
    memberCount,
    activeMemberCount,
    openInvitations,
    acceptedInvitationCount,
    domains,
    sso: organization.ssoConnection
      ? { status: organization.ssoConnection.status, certificateExpiresAt: organization.ssoConnection.certificateExpiresAt }
      : null,
    directory: organization.directory ? { status: organization.directory.status } : null,
    lastEndUserActivityAt: lastActivity,
  };
}
