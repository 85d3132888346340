import { WebhookEndpoints } from '@/components/webhooks/webhook-endpoints';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { WEBHOOK_SUBSCRIPTION_LIST } from '@/lib/webhooks/events';
import { listWebhookEndpoints } from '@/lib/webhooks/queries';
import { createWebhookEndpointAction } from './actions';

export const metadata = { title: 'Webhooks' };

/** Where the builder's app hears about changes: add endpoints, see their standing. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const builder = await requireBuilderPage('/webhooks');
  const { deleted } = await searchParams;
  const endpoints = await listWebhookEndpoints(await db());
  return (
    <WebhookEndpoints
      endpoints={endpoints.rows}
      total={endpoints.total}
      manage={hasPermission(builder, 'webhooks.manage')}
      deleted={deleted === '1'}
      subscriptions={WEBHOOK_SUBSCRIPTION_LIST}
      create={createWebhookEndpointAction}
    />
  );
}
