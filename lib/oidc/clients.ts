import type { ClientMetadata } from 'oidc-provider';
import type { DbOrTx } from '@/lib/db/client';
import { CLIENT_ID_PREFIX } from './secrets';

/**
 * A registered application as oidc-provider's client: a confidential web app using the
 * authorization code flow (PKCE required), with refresh tokens when it asks for offline_access.
 * `client_secret` holds the secret's hash: the secret itself is never stored, and the provider
 * compares hashes (see provider.ts).
 */
export async function clientMetadata(client: DbOrTx, clientId: string): Promise<ClientMetadata | undefined> {
  if (!clientId.startsWith(CLIENT_ID_PREFIX) || clientId.length > 64) return undefined;
  const app = await client.application.findUnique({ where: { clientId } });
  if (!app) return undefined;
  return {
    client_id: app.clientId,
    client_secret: app.secretHash,
    client_name: app.name,
    redirect_uris: app.redirectUris,
    post_logout_redirect_uris: app.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    previous_secret_hash: app.previousSecretHash ?? undefined,
    previous_secret_expires_at: app.previousSecretExpiresAt ? Math.floor(app.previousSecretExpiresAt.getTime() / 1000) : undefined,
  };
}
