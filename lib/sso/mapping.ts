import { LEAST_PRIVILEGED_ROLE, ROLE_LABELS } from '@/lib/access/roles';
import type { DbOrTx } from '@/lib/db/client';

/**
 * The role an SSO sign-in gives, from the person's groups. Group → role mappings (shared with
 * directory sync) aren't stored yet, so every sign-in gets the least privileged role, Member;
 * `mapping` names the mapping that produced a role once there are some.
 */
export async function ssoRoleFor(
  _client: DbOrTx,
  _organizationId: string,
  _groups: readonly string[],
): Promise<{ key: string; name: string; mapping: string | null }> {
  return { key: LEAST_PRIVILEGED_ROLE, name: ROLE_LABELS[LEAST_PRIVILEGED_ROLE].label, mapping: null };
}
