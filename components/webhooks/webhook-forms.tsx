'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmedAction } from '@/components/ui/confirmed-action';
import { FormMessage } from '@/components/ui/form-message';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { formatDateTime } from '@/lib/format';
import { failureOf, formLevelFailure } from '@/lib/result';

const SECRET_NOTE =
  'Copy it now into your app’s secrets: Orgdesk can’t show it again. Verify each delivery’s webhook-signature with it, using a Standard Webhooks library.';

/**
 * An endpoint's address, description and events: a new one (its secret shown once on success) or
 * an existing one's changes. Keeps what was typed and chosen when the server refuses it.
 */
export function WebhookEndpointForm({
  action,
  subscriptions,
  endpoint,
}: {
  action: FormAction;
  subscriptions: { name: string; description: string }[];
  endpoint?: { id: string; url: string; description: string; eventTypes: string[] };
}) {
  const { result, onSubmit, pending } = useKeptForm(action);
  const failure = failureOf(result);
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(endpoint?.eventTypes ?? []);
  const created = !endpoint && result?.ok ? (result.data as { id: string; secret: string }) : null;
  const headingId = endpoint ? 'edit-endpoint-heading' : 'new-endpoint-heading';
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby={headingId}>
        <h2 id={headingId} className="font-semibold">
          {endpoint ? 'Address and events' : 'New endpoint'}
        </h2>
        {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Address"
            name="url"
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            hint="An https:// address of your app that answers 2xx, like https://app.example.com/webhooks/orgdesk."
            errors={failure?.fieldErrors?.url}
            autoComplete="off"
          />
          <TextField
            label="Description (optional)"
            name="description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            hint="What it is for, like “Production: sync customer accounts”."
            errors={failure?.fieldErrors?.description}
            autoComplete="off"
          />
        </div>
        <CheckboxList
          legend="Events it receives"
          name="eventTypes[]"
          options={subscriptions.map((subscription) => ({ value: subscription.name, description: subscription.description }))}
          chosen={chosen}
          onChange={setChosen}
          errorId="endpoint-events-error"
          errors={failure?.fieldErrors?.eventTypes}
        />
        <FormMessage result={formLevelFailure(failure) ?? (endpoint ? result : null)} success="Saved." />
        <SubmitButton pending={pending} pendingLabel={endpoint ? 'Saving…' : 'Adding…'}>
          {endpoint ? 'Save changes' : 'Add endpoint'}
        </SubmitButton>
      </form>
      {created ? (
        <ShownOnce
          heading="Endpoint added: its signing secret"
          note={SECRET_NOTE}
          value={created.secret}
          copyLabel="Copy the signing secret"
          testId="webhook-secret"
        >
          <p className="text-sm">
            <Link href={`/webhooks/${created.id}`} className="text-blue-800 underline">
              Open the endpoint
            </Link>{' '}
            to see its deliveries.
          </p>
        </ShownOnce>
      ) : null}
    </div>
  );
}

/** Disable (after a confirmation) or enable an endpoint. */
export function EndpointToggle({
  disabled,
  endpointId,
  actions,
}: {
  disabled: boolean;
  endpointId: string;
  actions: { enable: FormAction; disable: FormAction };
}) {
  const [enableResult, enable] = useActionState(actions.enable, null);
  const [disableResult, disable] = useActionState(actions.disable, null);
  return (
    <div>
      {disabled ? (
        <form action={enable}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <SubmitButton pendingLabel="Enabling…">Enable endpoint</SubmitButton>
        </form>
      ) : (
        <ConfirmDialog
          trigger="Disable…"
          title="Disable this endpoint?"
          confirmLabel="Disable endpoint"
          action={disable}
          fields={{ endpointId }}
        >
          No new events are sent to it, and deliveries waiting for a retry stop. Events that happen while it is disabled are not sent later;
          re-send the ones you need once it is enabled.
        </ConfirmDialog>
      )}
      <FormMessage result={failureOf(enableResult) ?? failureOf(disableResult)} />
    </div>
  );
}

/** A new signing secret, after a confirmation; shown once. The old one keeps signing for a day. */
export function RotateSecret({ endpointId, action }: { endpointId: string; action: FormAction }) {
  return (
    <ConfirmedAction<{ secret: string; previousUntil: Date }>
      trigger="Rotate secret…"
      title="Rotate the signing secret?"
      confirmLabel="Rotate secret"
      action={action}
      fields={{ endpointId }}
      shown={(rotated) => (
        <ShownOnce
          heading="New signing secret"
          note={`${SECRET_NOTE} The old secret signs too until ${formatDateTime(new Date(rotated.previousUntil))}.`}
          value={rotated.secret}
          copyLabel="Copy the new signing secret"
          testId="webhook-secret"
        />
      )}
    >
      A new secret signs every delivery from now on. For 24 hours each delivery is also signed with the old one, so your app keeps accepting
      them while you put the new secret in place.
    </ConfirmedAction>
  );
}

/** Delete an endpoint, after a confirmation; the page goes back to the list. */
export function DeleteEndpoint({ endpointId, action }: { endpointId: string; action: FormAction }) {
  return (
    <ConfirmedAction
      trigger="Delete endpoint…"
      triggerVariant="danger"
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      action={action}
      fields={{ endpointId }}
    >
      It stops receiving events at once, and its delivery history is deleted with it. This can’t be undone.
    </ConfirmedAction>
  );
}

/** Re-send one delivery now: the same message under the same webhook-id. */
export function ResendDelivery({ deliveryId, label, action }: { deliveryId: string; label: string; action: FormAction }) {
  const [result, run, pending] = useActionState(action, null);
  return (
    <form action={run}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton pending={pending} pendingLabel="Queuing…" variant="secondary" className="px-2 py-1 text-xs">
        Re-send<span className="sr-only"> {label}</span>
      </SubmitButton>
      <FormMessage result={failureOf(result)} />
    </form>
  );
}
