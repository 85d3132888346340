'use client';

import { type ReactNode, useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { failureOf } from '@/lib/result';
import { Button } from './button';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';
import { TextField } from './text-field';
import { useFieldErrorDialog } from './use-field-error-dialog';

/**
 * A destructive action confirmed by typing a value (a slug, a name): a button opens the dialog,
 * which stays open with the field's error when what was typed doesn't match, keeping it.
 */
export function TypedConfirmDialog({
  id,
  action,
  fields,
  trigger,
  title,
  children,
  confirmName,
  confirmLabel,
  submitLabel,
}: {
  /** Names the dialog's title. */
  id: string;
  action: FormAction;
  fields: Record<string, string>;
  trigger: string;
  title: string;
  children: ReactNode;
  /** The field the command reads the typed value from. */
  confirmName: string;
  confirmLabel: string;
  submitLabel: string;
}) {
  const [result, formAction] = useActionState(action, null);
  const failure = failureOf(result);
  const dialog = useFieldErrorDialog(failure);
  const typed = failure?.values?.[confirmName] ?? '';
  return (
    <div className="space-y-3">
      {failure && !failure.fieldErrors ? <FormMessage result={failure} /> : null}
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        {trigger}
      </Button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4" noValidate>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm text-slate-700">{children}</div>
          <TextField
            label={confirmLabel}
            name={confirmName}
            autoComplete="off"
            spellCheck={false}
            defaultValue={typed}
            key={typed}
            errors={failure?.fieldErrors?.[confirmName]}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Deleting…">
              {submitLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
