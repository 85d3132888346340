import type { DbOrTx } from '@/lib/db/client';

/** The member area: one user's organizations and roles. */
export async function listMembershipsForUser(client: DbOrTx, userId: string) {
  return client.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { organization: { select: { name: true, slug: true } }, roleRef: { select: { name: true } } },
  });
}
