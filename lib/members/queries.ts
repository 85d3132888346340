import { effectivePermissionsOf } from '@/lib/access/permissions';
import type { DbOrTx } from '@/lib/db/client';

/**
 * One member as the member page shows them: role, groups, how they joined, last sign-in, their
 * effective permissions with sources, and the latest audit events about them. Scoped: another
 * organization's member is null.
 */
export async function memberDetail(client: DbOrTx, organizationId: string, membershipId: string) {
  const membership = await client.membership.findFirst({
    where: { id: membershipId, organizationId },
    include: {
      user: { select: { email: true, name: true } },
      roleRef: { select: { name: true } },
      groups: { select: { group: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!membership) return null;
  const [permissions, events, descriptions] = await Promise.all([
    effectivePermissionsOf(client, membership),
    client.auditEvent.findMany({
      where: { organizationId, OR: [{ targetId: membership.userId }, { targetLabel: membership.user.email }] },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: 20,
    }),
    client.permission.findMany({ select: { key: true, description: true } }),
  ]);
  return {
    membership,
    permissions,
    events,
    permissionDescriptions: new Map(descriptions.map((p) => [p.key, p.description])),
  };
}
