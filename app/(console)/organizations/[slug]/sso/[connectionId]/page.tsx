import { notFound } from 'next/navigation';
import { ConnectionSetup } from '@/components/sso/connection-setup';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { ssoConnectionDetail } from '@/lib/sso/queries';
import { serviceProviderValues } from '@/lib/sso/sp';
import { loadWorkspace } from '../../load';

export const metadata = { title: 'SSO connection' };

/** One SSO connection's setup. Another organization's connection is not found. */
export default async function SsoConnectionPage({ params }: { params: Promise<{ slug: string; connectionId: string }> }) {
  const { slug, connectionId } = await params;
  const { organization, now } = await loadWorkspace(slug, `sso/${connectionId}`);
  if (!/^[0-9a-f-]{36}$/.test(connectionId)) notFound();
  const connection = await ssoConnectionDetail(await db(), organization.id, connectionId);
  if (!connection) notFound();
  return (
    <ConnectionSetup
      organization={organization}
      connection={connection}
      sp={serviceProviderValues(getConfig().appUrl, connection.id)}
      domains={organization.domains.map((d) => ({ id: d.id, name: d.name, verified: d.status === 'verified' }))}
      now={now}
    />
  );
}
