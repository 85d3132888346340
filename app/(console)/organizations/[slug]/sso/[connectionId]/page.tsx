import { notFound } from 'next/navigation';
import { ConnectionSetup } from '@/components/sso/connection-setup';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { pageNumberSchema } from '@/lib/pagination';
import { ssoAttempt, ssoAttemptsPage, ssoConnectionDetail } from '@/lib/sso/queries';
import { serviceProviderValues } from '@/lib/sso/sp';
import { loadWorkspace } from '../../load';

export const metadata = { title: 'SSO connection' };

/** One SSO connection's setup, test and sign-in log. Another organization's connection is not found. */
export default async function SsoConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; connectionId: string }>;
  searchParams: Promise<{ logPage?: string; testError?: string }>;
}) {
  const { slug, connectionId } = await params;
  const { logPage, testError } = await searchParams;
  const { organization, now } = await loadWorkspace(slug, `sso/${connectionId}`);
  if (!/^[0-9a-f-]{36}$/.test(connectionId)) notFound();
  const client = await db();
  const connection = await ssoConnectionDetail(client, organization.id, connectionId);
  if (!connection) notFound();
  const [attempts, lastTest] = await Promise.all([
    ssoAttemptsPage(client, organization.id, connection.id, pageNumberSchema.parse(logPage)),
    connection.lastTestAttemptId ? ssoAttempt(client, organization.id, connection.id, connection.lastTestAttemptId) : null,
  ]);
  return (
    <ConnectionSetup
      organization={organization}
      connection={connection}
      sp={serviceProviderValues(getConfig().appUrl, connection.id)}
      domains={organization.domains.map((d) => ({ id: d.id, name: d.name, verified: d.status === 'verified' }))}
      now={now}
      attempts={attempts}
      lastTest={
        lastTest
          ? { id: lastTest.id, occurredAt: lastTest.occurredAt, outcome: lastTest.outcome, check: lastTest.detail.check ?? null }
          : null
      }
      testError={typeof testError === 'string' ? testError : null}
    />
  );
}
