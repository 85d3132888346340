import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { samlConnectionExists } from '@/lib/sso/queries';
import { serviceProviderMetadata, serviceProviderValues } from '@/lib/sso/sp';

/**
 * A SAML connection's service-provider metadata, for the identity provider to read (public, as
 * identity providers fetch it without signing in). It holds only Orgdesk's own addresses.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId } = await params;
  if (!/^[0-9a-f-]{36}$/.test(connectionId) || !(await samlConnectionExists(await db(), connectionId))) {
    return new Response('No SAML connection has this address. Copy the metadata URL again from the connection’s page in Orgdesk.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(serviceProviderMetadata(serviceProviderValues(getConfig().appUrl, connectionId)), {
    headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8', 'cache-control': 'no-store' },
  });
}
