'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { failureOf, formLevelFailure } from '@/lib/result';

/** Adds one of the app's own permission keys to the catalog. */
export function AddPermissionForm({ action: formAction }: { action: FormAction }) {
  const [result, action] = useActionState(formAction, null);
  const failure = failureOf(result);
  return (
    <form action={action} className="grid max-w-2xl gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end" noValidate>
      <TextField
        label="Permission key"
        name="key"
        id="permission-key"
        placeholder="reports:export"
        defaultValue={failure?.values?.key ?? ''}
        spellCheck={false}
        autoComplete="off"
        errors={failure?.fieldErrors?.key}
      />
      <TextField
        label="What it allows"
        name="description"
        id="permission-description"
        placeholder="Export reports as CSV."
        defaultValue={failure?.values?.description ?? ''}
        errors={failure?.fieldErrors?.description}
      />
      <SubmitButton pendingLabel="Adding…">Add permission</SubmitButton>
      <div className="sm:col-span-3">
        <FormMessage result={result?.ok ? result : formLevelFailure(result)} success="Added. Tick it on the roles that should hold it." />
      </div>
    </form>
  );
}

/** Removes an app permission (and takes it from every role that held it), after a confirmation. */
export function RemovePermissionButton({
  action: formAction,
  permissionKey,
  roleCount,
}: {
  action: FormAction;
  permissionKey: string;
  roleCount: number;
}) {
  const [result, action] = useActionState(formAction, null);
  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <>
            Remove<span className="sr-only"> {permissionKey}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Remove ${permissionKey}?`}
        confirmLabel="Remove permission"
        action={action}
        fields={{ key: permissionKey }}
      >
        {roleCount ? `${roleCount} role${roleCount === 1 ? '' : 's'} hold it; their members lose it at once.` : 'No role holds it.'}
      </ConfirmDialog>
      <FormMessage result={result && !result.ok ? result : null} />
    </div>
  );
}
