import Link from 'next/link';
import type { FormAction } from '@/components/actions-context';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { NumberedPagination } from '@/components/ui/pagination';
import { formatDateTime } from '@/lib/format';
import { DELIVERY_FILTERS, type DeliveryFilter, type WebhookEndpointDetail } from '@/lib/webhooks/queries';
import { DeliveryStatusBadge, StandingBadge } from './webhook-endpoints';
import { DeleteEndpoint, EndpointToggle, ResendDelivery, RotateSecret, WebhookEndpointForm } from './webhook-forms';

const FILTER_LABELS: Record<DeliveryFilter, string> = {
  all: 'All',
  failed: 'Failed',
  pending: 'Queued or retrying',
  succeeded: 'Delivered',
};

export interface EndpointActions {
  update: FormAction;
  enable: FormAction;
  disable: FormAction;
  rotate: FormAction;
  remove: FormAction;
  resend: FormAction;
}

/** One endpoint: its standing and why, its settings, its secret, and its recent deliveries with re-send. */
export function WebhookEndpointDetailView({
  detail,
  filter,
  manage,
  subscriptions,
  actions,
}: {
  detail: WebhookEndpointDetail;
  filter: DeliveryFilter;
  manage: boolean;
  subscriptions: { name: string; description: string }[];
  actions: EndpointActions;
}) {
  const { endpoint, deliveries } = detail;
  const base = `/webhooks/${endpoint.id}`;
  const hrefFor = (next: DeliveryFilter, page = 1) => {
    const query = new URLSearchParams();
    if (next !== 'all') query.set('status', next);
    if (page > 1) query.set('page', String(page));
    const text = query.toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/webhooks">Webhooks</Link> <span aria-hidden="true">/</span> Endpoint
      </nav>
      <header className="space-y-2">
        <h1 className="break-all text-2xl font-semibold">{endpoint.url}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <StandingBadge standing={endpoint.standing} />
          {endpoint.description ? <span>{endpoint.description} ·</span> : null}
          <span>
            Added {formatDateTime(endpoint.createdAt)} by {endpoint.createdByEmail}
          </span>
        </p>
        {endpoint.standing === 'disabled' ? (
          <p role="status" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-900">
            Disabled {endpoint.disabledAt ? formatDateTime(endpoint.disabledAt) : ''}: {endpoint.disabledReason}
          </p>
        ) : endpoint.standing === 'failing' && endpoint.failingSince ? (
          <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950">
            Every delivery has failed since {formatDateTime(endpoint.failingSince)}. Orgdesk keeps retrying; after 24 hours of failures it
            disables the endpoint. Check the last response below.
          </p>
        ) : null}
      </header>

      {manage ? (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-6">
            <WebhookEndpointForm action={actions.update} subscriptions={subscriptions} endpoint={endpoint} />
          </div>
          <section aria-labelledby="endpoint-controls-heading" className="space-y-3">
            <h2 id="endpoint-controls-heading" className="font-semibold">
              Signing secret and status
            </h2>
            {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? (
              <p className="text-sm text-slate-700">
                The previous secret also signs deliveries until {formatDateTime(endpoint.previousSecretExpiresAt)}.
              </p>
            ) : null}
            <div className="flex flex-wrap items-start gap-3">
              <RotateSecret endpointId={endpoint.id} action={actions.rotate} />
              <EndpointToggle disabled={endpoint.standing === 'disabled'} endpointId={endpoint.id} actions={actions} />
              <DeleteEndpoint endpointId={endpoint.id} action={actions.remove} />
            </div>
          </section>
        </>
      ) : (
        <p className="text-sm text-slate-700">
          Events: {endpoint.eventTypes.join(', ')}. Changing the endpoint needs the webhooks.manage permission.
        </p>
      )}

      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Deliveries
        </h2>
        <nav aria-label="Which deliveries" className="flex flex-wrap gap-3 text-sm">
          {DELIVERY_FILTERS.map((option) => (
            <Link key={option} href={hrefFor(option)} aria-current={option === filter ? 'page' : undefined}>
              {FILTER_LABELS[option]}
            </Link>
          ))}
        </nav>
        {deliveries.rows.length ? (
          <>
            <DataTable
              caption="Deliveries"
              columns={[{ label: 'Event' }, { label: 'Status' }, { label: 'Last attempt' }, { label: 'Response' }, { label: 'Actions' }]}
            >
              {deliveries.rows.map((delivery) => (
                <tr key={delivery.id} className="align-top">
                  <td className="px-4 py-3">
                    <div className="font-medium">{delivery.eventType}</div>
                    <div className="font-mono text-xs">{delivery.eventId}</div>
                    <div className="text-xs text-slate-700">{formatDateTime(delivery.createdAt)}</div>
                  </td>
                  <td className="px-4 py-3">
                    <DeliveryStatusBadge status={delivery.status} attempts={delivery.attempts} />
                    <div className="mt-1 text-xs text-slate-700">
                      {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
                      {delivery.status === 'pending' && delivery.nextAttemptAt ? `; next ${formatDateTime(delivery.nextAttemptAt)}` : ''}
                    </div>
                  </td>
                  <td className="px-4 py-3 text-xs">
                    {delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt) : 'Not yet'}
                    {delivery.durationMs !== null ? <div className="text-slate-700">{delivery.durationMs} ms</div> : null}
                  </td>
                  <td className="max-w-sm px-4 py-3 text-xs">
                    {delivery.responseStatus !== null ? <div className="font-medium">HTTP {delivery.responseStatus}</div> : null}
                    {delivery.lastError ? <div className="text-red-800">{delivery.lastError}</div> : null}
                    {delivery.responseBody ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer">Response body</summary>
                        <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2">
                          {delivery.responseBody}
                        </pre>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {manage && delivery.status !== 'pending' && endpoint.standing !== 'disabled' ? (
                      <ResendDelivery
                        deliveryId={delivery.id}
                        label={`${delivery.eventType} ${delivery.eventId}`}
                        action={actions.resend}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            <NumberedPagination info={deliveries.page} hrefFor={(page) => hrefFor(filter, page)} noun="Deliveries" />
          </>
        ) : (
          <EmptyState title={filter === 'all' ? 'No deliveries yet' : `No ${FILTER_LABELS[filter].toLowerCase()} deliveries`}>
            <p>
              {filter === 'all'
                ? 'Events this endpoint takes appear here within seconds of happening, with each attempt’s response.'
                : 'Choose “All” to see every delivery.'}
            </p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
