import { mappedRole } from '@/lib/access/role-mapping';
import type { DbOrTx } from '@/lib/db/client';

/**
 * The role an SSO sign-in gives, from the person's groups and the organization's group → role
 * mappings (lib/access/role-mapping.ts): `mapping` names the group that produced it, or is null
 * when no mapping matched and the least privileged role applies. `hasMappings` says whether the
 * organization maps groups at all.
 */
export async function ssoRoleFor(client: DbOrTx, organizationId: string, groups: readonly string[]) {
  const mappings = await client.roleMapping.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { group: true, role: true, allowOwner: true, roleRef: { select: { name: true, _count: { select: { permissions: true } } } } },
  });
  const privilege = new Map(mappings.map((m) => [m.role, m.roleRef._count.permissions]));
  const result = mappedRole(groups, mappings, (role) => privilege.get(role) ?? 0);
  const name = mappings.find((m) => m.role === result.role)?.roleRef.name ?? 'Member';
  return { key: result.role, name, mapping: result.group, hasMappings: mappings.length > 0 };
}
