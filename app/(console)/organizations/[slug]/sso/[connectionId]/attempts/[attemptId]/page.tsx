import { notFound } from 'next/navigation';
import { AttemptResult } from '@/components/sso/attempt-result';
import { db } from '@/lib/db/client';
import { ssoAttempt, ssoConnectionDetail } from '@/lib/sso/queries';
import { loadWorkspace } from '../../../../load';

export const metadata = { title: 'SSO sign-in result' };

/** One sign-in attempt (a test's result page): what arrived, or which check failed and how to fix it. */
export default async function SsoAttemptPage({ params }: { params: Promise<{ slug: string; connectionId: string; attemptId: string }> }) {
  const { slug, connectionId, attemptId } = await params;
  const { organization } = await loadWorkspace(slug, `sso/${connectionId}/attempts/${attemptId}`);
  if (!/^[0-9a-f-]{36}$/.test(connectionId) || !/^[0-9a-f-]{36}$/.test(attemptId)) notFound();
  const client = await db();
  const [connection, attempt] = await Promise.all([
    ssoConnectionDetail(client, organization.id, connectionId),
    ssoAttempt(client, organization.id, connectionId, attemptId),
  ]);
  if (!connection || !attempt) notFound();
  return <AttemptResult organization={organization} connection={connection} attempt={attempt} />;
}
