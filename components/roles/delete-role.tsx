'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFieldErrorDialog } from '@/components/ui/use-field-error-dialog';
import { failureOf } from '@/lib/result';

/**
 * Deleting a custom role, after a confirmation. In use, the dialog says what uses it and asks which
 * role they move to; the server refuses a delete that would leave anyone without a role.
 */
export function DeleteRole({
  action: formAction,
  role,
  usage,
  alternatives,
}: {
  action: FormAction;
  role: { key: string; name: string };
  usage: string | null;
  alternatives: { key: string; name: string }[];
}) {
  const [result, action] = useActionState(formAction, null);
  const failure = failureOf(result);
  const dialog = useFieldErrorDialog(failure);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{usage ? `In use by ${usage}.` : 'Nothing uses this role.'}</p>
      {failure && !failure.fieldErrors ? <FormMessage result={failure} /> : null}
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        Delete role…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-role-title"
        className="m-auto max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={action} className="space-y-4">
          <input type="hidden" name="roleKey" value={role.key} />
          <h2 id="delete-role-title" className="text-lg font-semibold">
            Delete {role.name}?
          </h2>
          {usage ? (
            <div>
              <p className="text-sm text-slate-700">It is in use by {usage}. They move to the role you choose, then the role is deleted.</p>
              <label htmlFor="move-to" className="mt-3 block text-sm font-medium">
                Move them to
              </label>
              <select
                id="move-to"
                name="moveTo"
                defaultValue=""
                aria-invalid={failure?.fieldErrors?.moveTo ? true : undefined}
                aria-describedby={failure?.fieldErrors?.moveTo ? 'move-to-error' : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                <option value="">Choose a role</option>
                {alternatives.map((option) => (
                  <option key={option.key} value={option.key}>
                    {option.name}
                  </option>
                ))}
              </select>
              {failure?.fieldErrors?.moveTo ? (
                <p id="move-to-error" className="mt-1 text-sm text-red-700">
                  {failure.fieldErrors.moveTo.join(' ')}
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-700">Nothing uses it. This can’t be undone; the audit log keeps its history.</p>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Deleting…">
              {usage ? 'Move and delete' : 'Delete role'}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
