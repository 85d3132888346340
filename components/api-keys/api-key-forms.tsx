'use client';

import { useState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { FormMessage } from '@/components/ui/form-message';
import { RevokeButton } from '@/components/ui/revoke-button';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { failureOf, formLevelFailure } from '@/lib/result';

/** New API key: a name, its scopes (only those the builder holds), an optional organization and expiry. The key is shown once. */
export function CreateApiKeyForm({ action, scopes }: { action: FormAction; scopes: { key: string; description: string }[] }) {
  const { result, onSubmit, pending } = useKeptForm(action);
  const failure = failureOf(result);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [organizationSlug, setOrganizationSlug] = useState('');
  const [expiresInDays, setExpiresInDays] = useState('');
  const created = result?.ok ? (result.data as { key: string; prefix: string }) : null;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="new-api-key-heading">
        <h2 id="new-api-key-heading" className="font-semibold">
          New API key
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            hint="Where it is used, like “Production app”."
            errors={failure?.fieldErrors?.name}
            autoComplete="off"
          />
          <TextField
            label="Only this organization (optional)"
            name="organizationSlug"
            value={organizationSlug}
            onChange={(event) => setOrganizationSlug(event.target.value)}
            hint="Its slug. Empty: every organization."
            errors={failure?.fieldErrors?.organizationSlug}
            autoComplete="off"
          />
          <TextField
            label="Expires after (days, optional)"
            name="expiresInDays"
            inputMode="numeric"
            value={expiresInDays}
            onChange={(event) => setExpiresInDays(event.target.value)}
            hint="Empty: until revoked. At most 365."
            errors={failure?.fieldErrors?.expiresInDays}
          />
        </div>
        <CheckboxList
          legend="Scopes: the commands it may run"
          name="scopes[]"
          options={scopes.map((scope) => ({ value: scope.key, description: scope.description }))}
          chosen={chosen}
          onChange={setChosen}
          errorId="api-key-scopes-error"
          errors={failure?.fieldErrors?.scopes}
        />
        <FormMessage result={formLevelFailure(failure)} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create API key
        </SubmitButton>
      </form>
      {created ? (
        <ShownOnce
          heading={`API key created: ${created.prefix}…`}
          note="Copy it now into your app’s secrets: Orgdesk stores only its hash and can’t show it again. Send it as Authorization: Bearer <key>."
          value={created.key}
          copyLabel="Copy the API key"
          testId="api-key"
        />
      ) : null}
    </div>
  );
}

/** Revoke a key after a confirmation: the app's next request with it is refused. */
export function RevokeApiKeyButton({ action, keyId, label }: { action: FormAction; keyId: string; label: string }) {
  return (
    <RevokeButton action={action} fields={{ keyId }} label={label} confirmLabel="Revoke key">
      It stops working at once: the next request with it answers 401. Apps using it need a new key.
    </RevokeButton>
  );
}
