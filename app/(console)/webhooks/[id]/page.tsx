import { notFound } from 'next/navigation';
import { z } from 'zod';
import { WebhookEndpointDetailView } from '@/components/webhooks/webhook-endpoint-detail';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { pageNumberSchema } from '@/lib/pagination';
import { WEBHOOK_SUBSCRIPTION_LIST } from '@/lib/webhooks/events';
import { DELIVERY_FILTERS, webhookEndpointDetail } from '@/lib/webhooks/queries';
import {
  deleteWebhookEndpointAction,
  disableWebhookEndpointAction,
  enableWebhookEndpointAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  updateWebhookEndpointAction,
} from '../actions';

export const metadata = { title: 'Webhook endpoint' };

const filterSchema = z.enum(DELIVERY_FILTERS).catch('all');

/** One webhook endpoint: settings, secret rotation, enable/disable, delete, and its deliveries with re-send. */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string; page?: string }>;
}) {
  const { id } = await params;
  const builder = await requireBuilderPage(`/webhooks/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const query = await searchParams;
  const filter = filterSchema.parse(query.status);
  const detail = await webhookEndpointDetail(await db(), id, { page: pageNumberSchema.parse(query.page), filter });
  if (!detail) notFound();
  return (
    <WebhookEndpointDetailView
      detail={detail}
      filter={filter}
      manage={hasPermission(builder, 'webhooks.manage')}
      subscriptions={WEBHOOK_SUBSCRIPTION_LIST}
      actions={{
        update: updateWebhookEndpointAction,
        enable: enableWebhookEndpointAction,
        disable: disableWebhookEndpointAction,
        rotate: rotateWebhookSecretAction,
        remove: deleteWebhookEndpointAction,
        resend: resendWebhookDeliveryAction,
      }}
    />
  );
}
