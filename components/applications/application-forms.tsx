'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { ConfirmedAction } from '@/components/ui/confirmed-action';
import { FormMessage } from '@/components/ui/form-message';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { formatDateTime } from '@/lib/format';
import { failureOf, formLevelFailure } from '@/lib/result';

const SECRET_NOTE =
  'Copy it now into your app’s secrets: Orgdesk keeps only its hash and can’t show it again. Your app sends it with the client id (HTTP Basic) when it exchanges a code for tokens.';

/**
 * An application's name and addresses: a new one (its client id and secret shown on success) or an
 * existing one's changes. Keeps what was typed when the server refuses it.
 */
export function ApplicationForm({
  action,
  application,
}: {
  action: FormAction;
  application?: { id: string; name: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
}) {
  const { result, onSubmit, pending } = useKeptForm(action);
  const failure = failureOf(result);
  const [name, setName] = useState(application?.name ?? '');
  const [redirectUris, setRedirectUris] = useState(application?.redirectUris.join('\n') ?? '');
  const [postLogout, setPostLogout] = useState(application?.postLogoutRedirectUris.join('\n') ?? '');
  const created = !application && result?.ok ? (result.data as { id: string; clientId: string; clientSecret: string }) : null;
  const headingId = application ? 'edit-application-heading' : 'new-application-heading';
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby={headingId}>
        <h2 id={headingId} className="font-semibold">
          {application ? 'Name and addresses' : 'Register an application'}
        </h2>
        {application ? <input type="hidden" name="applicationId" value={application.id} /> : null}
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          hint="What people see on the sign-in page, like “Acme web app”."
          errors={failure?.fieldErrors?.name}
          autoComplete="off"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextAreaField
            label="Redirect URIs"
            name="redirectUris"
            rows={3}
            value={redirectUris}
            onChange={(event) => setRedirectUris(event.target.value)}
            hint="One per line, matched exactly: where your app receives the code, like https://app.example.com/auth/callback. http:// only for localhost."
            errors={failure?.fieldErrors?.redirectUris}
          />
          <TextAreaField
            label="Post-logout redirect URIs (optional)"
            name="postLogoutRedirectUris"
            rows={3}
            value={postLogout}
            onChange={(event) => setPostLogout(event.target.value)}
            hint="One per line: where the browser may return after signing out through Orgdesk."
            errors={failure?.fieldErrors?.postLogoutRedirectUris}
          />
        </div>
        <FormMessage result={formLevelFailure(failure) ?? (application ? result : null)} success="Saved." />
        <SubmitButton pending={pending} pendingLabel={application ? 'Saving…' : 'Registering…'}>
          {application ? 'Save changes' : 'Register application'}
        </SubmitButton>
      </form>
      {created ? (
        <ShownOnce
          heading="Application registered: its client secret"
          note={SECRET_NOTE}
          value={created.clientSecret}
          copyLabel="Copy the client secret"
          testId="client-secret"
        >
          <p className="text-sm">
            Client id: <code data-testid="client-id">{created.clientId}</code>.{' '}
            <Link href={`/applications/${created.id}`} className="text-blue-800 underline">
              Open the application
            </Link>{' '}
            for its OpenID settings.
          </p>
        </ShownOnce>
      ) : null}
    </div>
  );
}

/** A new client secret, after a confirmation; shown once. The old one keeps working for a day. */
export function RotateClientSecret({ applicationId, action }: { applicationId: string; action: FormAction }) {
  return (
    <ConfirmedAction<{ clientSecret: string; previousUntil: Date }>
      trigger="Rotate client secret…"
      title="Rotate the client secret?"
      confirmLabel="Rotate secret"
      action={action}
      fields={{ applicationId }}
      shown={(rotated) => (
        <ShownOnce
          heading="New client secret"
          note={`${SECRET_NOTE} The old secret works too until ${formatDateTime(new Date(rotated.previousUntil))}.`}
          value={rotated.clientSecret}
          copyLabel="Copy the new client secret"
          testId="client-secret"
        />
      )}
    >
      A new secret is shown once. The old one keeps working for 24 hours, so your app keeps signing people in while you put the new one in
      place.
    </ConfirmedAction>
  );
}

/** Deletes an application, after a confirmation; the page goes back to the list. */
export function DeleteApplication({ applicationId, action }: { applicationId: string; action: FormAction }) {
  return (
    <ConfirmedAction
      trigger="Delete application…"
      triggerVariant="danger"
      title="Delete this application?"
      confirmLabel="Delete application"
      action={action}
      fields={{ applicationId }}
    >
      Its client id stops working at once: nobody can sign in to it through Orgdesk, and the tokens it holds stop working, refresh tokens
      included. This can’t be undone.
    </ConfirmedAction>
  );
}

/** A new signing key, after a confirmation; the old one stays published for a day. */
export function RotateSigningKey({ action }: { action: FormAction }) {
  return (
    <ConfirmedAction
      trigger="Rotate signing key…"
      title="Rotate the signing key?"
      confirmLabel="Rotate key"
      action={action}
      fields={{}}
      success="A new signing key signs from now on."
    >
      A new key signs ID tokens from now on. The old one stays in the JWKS for 24 hours, so tokens it signed keep verifying until they
      expire. Apps that cache the JWKS fetch it again when they see the new key id.
    </ConfirmedAction>
  );
}
