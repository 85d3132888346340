'use client';

import { type ReactNode, useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { failureOf } from '@/lib/result';
import { ConfirmDialog } from './confirm-dialog';
import { FormMessage } from './form-message';

/** "Revoke…" for a credential (a token, a link, a key), after a confirmation that says what stops. */
export function RevokeButton({
  action,
  fields,
  label,
  confirmLabel,
  children,
}: {
  action: FormAction;
  fields: Record<string, string>;
  /** What is revoked, for the button's accessible name and the dialog's title. */
  label: string;
  confirmLabel: string;
  children: ReactNode;
}) {
  const [result, run] = useActionState(action, null);
  return (
    <div>
      <ConfirmDialog
        trigger={
          <>
            Revoke<span className="sr-only"> {label}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Revoke ${label}?`}
        confirmLabel={confirmLabel}
        action={run}
        fields={fields}
      >
        {children}
      </ConfirmDialog>
      <FormMessage result={failureOf(result)} />
    </div>
  );
}
