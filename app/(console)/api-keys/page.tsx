import { ApiKeysSection } from '@/components/api-keys/api-keys-section';
import { listApiKeys } from '@/lib/api-keys/queries';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission, permissionsOf } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata = { title: 'API keys' };

/** The API keys the builder's app calls `/api/v1` with: create (shown once), scopes, last use, revoke. */
export default async function ApiKeysPage() {
  const builder = await requireBuilderPage('/api-keys');
  const now = new Date();
  const keys = await listApiKeys(await db(), now);
  return (
    <ApiKeysSection
      keys={keys.rows}
      total={keys.total}
      now={now}
      manage={hasPermission(builder, 'api_keys.manage')}
      held={[...permissionsOf(builder)]}
      actions={{ create: createApiKeyAction, revoke: revokeApiKeyAction }}
    />
  );
}
