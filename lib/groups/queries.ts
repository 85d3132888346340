import type { DbOrTx } from '@/lib/db/client';

/** An organization's groups, by name, with their roles and members. */
export async function listGroups(client: DbOrTx, organizationId: string) {
  return client.group.findMany({
    where: { organizationId },
    orderBy: { name: 'asc' },
    include: {
      roles: { select: { roleKey: true, role: { select: { name: true } } }, orderBy: { roleKey: 'asc' } },
      members: {
        select: { membershipId: true, membership: { select: { user: { select: { email: true } } } } },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
}

/** How many members hold each role in an organization, most held first. */
export async function rolesInUse(client: DbOrTx, organizationId: string) {
  const counts = await client.membership.groupBy({ by: ['role'], where: { organizationId }, _count: { _all: true } });
  const names = new Map(
    (await client.role.findMany({ where: { key: { in: counts.map((c) => c.role) } }, select: { key: true, name: true } })).map((r) => [
      r.key,
      r.name,
    ]),
  );
  return counts
    .map((c) => ({ key: c.role, name: names.get(c.role) ?? c.role, members: c._count._all }))
    .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name));
}
