import type { DbOrTx } from '@/lib/db/client';
import { fetchNumberedPage } from '@/lib/pagination';

export const ENDPOINTS_SHOWN = 100;
export const DELIVERIES_PAGE_SIZE = 25;

export type EndpointStanding = 'enabled' | 'failing' | 'disabled';

/** An endpoint's standing, for the badge: disabled, failing (some delivery failed since its last success), or enabled. Pure. */
export function endpointStanding(endpoint: { disabledAt: Date | null; failingSince: Date | null }): EndpointStanding {
  if (endpoint.disabledAt) return 'disabled';
  return endpoint.failingSince ? 'failing' : 'enabled';
}

const ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  createdByEmail: true,
  createdAt: true,
  updatedAt: true,
  failingSince: true,
  disabledAt: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
} as const;

/** The builder's webhook endpoints, newest first, with their standing. Never a secret. */
export async function listWebhookEndpoints(client: DbOrTx) {
  const [rows, total] = await Promise.all([
    client.webhookEndpoint.findMany({ select: ENDPOINT_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: ENDPOINTS_SHOWN }),
    client.webhookEndpoint.count(),
  ]);
  return { rows: rows.map((row) => ({ ...row, standing: endpointStanding(row) })), total };
}
export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>['rows'][number];

export const DELIVERY_FILTERS = ['all', 'failed', 'pending', 'succeeded'] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];

/** One endpoint and a numbered page of its deliveries, newest first; null when there is no such endpoint. */
export async function webhookEndpointDetail(client: DbOrTx, id: string, options: { page: number; filter: DeliveryFilter }) {
  const endpoint = await client.webhookEndpoint.findUnique({ where: { id }, select: ENDPOINT_SELECT });
  if (!endpoint) return null;
  const where = { endpointId: id, ...(options.filter === 'all' ? {} : { status: options.filter }) };
  const deliveries = await fetchNumberedPage(
    options.page,
    DELIVERIES_PAGE_SIZE,
    (skip) =>
      client.webhookDelivery.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip,
        take: DELIVERIES_PAGE_SIZE,
        select: {
          id: true,
          eventId: true,
          eventType: true,
          status: true,
          attempts: true,
          createdAt: true,
          lastAttemptAt: true,
          nextAttemptAt: true,
          responseStatus: true,
          responseBody: true,
          durationMs: true,
          lastError: true,
        },
      }),
    () => client.webhookDelivery.count({ where }),
  );
  return { endpoint: { ...endpoint, standing: endpointStanding(endpoint) }, deliveries };
}
export type WebhookEndpointDetail = NonNullable<Awaited<ReturnType<typeof webhookEndpointDetail>>>;
export type WebhookDeliveryRow = WebhookEndpointDetail['deliveries']['rows'][number];
