import Link from 'next/link';
import type { FormAction } from '@/components/actions-context';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ToneBadge } from '@/components/ui/tone-badge';
import { formatDateTime } from '@/lib/format';
import type { EndpointStanding, WebhookEndpointRow } from '@/lib/webhooks/queries';
import { ENDPOINTS_SHOWN } from '@/lib/webhooks/queries';
import { WebhookEndpointForm } from './webhook-forms';

const STANDING = {
  enabled: { label: 'Enabled', tone: 'good' },
  failing: { label: 'Failing', tone: 'warning' },
  disabled: { label: 'Disabled', tone: 'bad' },
} as const;

export function StandingBadge({ standing }: { standing: EndpointStanding }) {
  return <ToneBadge tone={STANDING[standing].tone}>{STANDING[standing].label}</ToneBadge>;
}

const DELIVERY_STATUS = {
  succeeded: { label: 'Delivered', tone: 'good' },
  pending: { label: 'Retrying', tone: 'warning' },
  failed: { label: 'Failed', tone: 'bad' },
} as const;

export function DeliveryStatusBadge({ status, attempts }: { status: keyof typeof DELIVERY_STATUS; attempts: number }) {
  return (
    <ToneBadge tone={DELIVERY_STATUS[status].tone}>
      {status === 'pending' && attempts === 0 ? 'Queued' : DELIVERY_STATUS[status].label}
    </ToneBadge>
  );
}

/** The webhooks page: what they are, the form (for whoever may manage them), then every endpoint. */
export function WebhookEndpoints({
  endpoints,
  total,
  manage,
  deleted,
  subscriptions,
  create,
}: {
  endpoints: WebhookEndpointRow[];
  total: number;
  manage: boolean;
  deleted: boolean;
  subscriptions: { name: string; description: string }[];
  create: FormAction;
}) {
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Orgdesk POSTs a JSON event to your app when something changes: an organization created or becoming Active, a member added, an
          invitation accepted, a domain verified. Each delivery is signed the Standard Webhooks way (<code>webhook-id</code>,{' '}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>), retried for about a day until your app answers 2xx, and carries a
          stable id to deduplicate on.
        </p>
      </header>
      {deleted ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Endpoint deleted.
        </p>
      ) : null}
      {manage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <WebhookEndpointForm action={create} subscriptions={subscriptions} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">You can see the endpoints; adding and changing them needs the webhooks.manage permission.</p>
      )}
      {endpoints.length ? (
        <DataTable
          caption="Webhook endpoints"
          columns={[{ label: 'Endpoint' }, { label: 'Events' }, { label: 'Status' }, { label: 'Added' }]}
          footer={
            total > endpoints.length ? (
              <p className="px-4 py-2 text-sm text-slate-700">
                The {ENDPOINTS_SHOWN} newest of {total} endpoints.
              </p>
            ) : null
          }
        >
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id} className="align-top">
              <td className="max-w-md px-4 py-3">
                <Link href={`/webhooks/${endpoint.id}`} className="break-all font-medium text-blue-800 underline">
                  {endpoint.url}
                </Link>
                {endpoint.description ? <div className="text-xs text-slate-700">{endpoint.description}</div> : null}
              </td>
              <td className="px-4 py-3 text-xs">{endpoint.eventTypes.join(', ')}</td>
              <td className="px-4 py-3">
                <StandingBadge standing={endpoint.standing} />
                {endpoint.standing === 'disabled' && endpoint.disabledReason ? (
                  <div className="mt-1 max-w-xs text-xs text-slate-700">{endpoint.disabledReason}</div>
                ) : endpoint.standing === 'failing' && endpoint.failingSince ? (
                  <div className="mt-1 text-xs text-slate-700">Failing since {formatDateTime(endpoint.failingSince)}</div>
                ) : null}
              </td>
              <td className="px-4 py-3 text-xs">
                {formatDateTime(endpoint.createdAt)}
                <div className="text-slate-700">by {endpoint.createdByEmail}</div>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="No webhook endpoints yet">
          <p>Add your app’s address above and choose the events it needs. The README’s “Integrate your app” shows how to verify them.</p>
        </EmptyState>
      )}
    </div>
  );
}
