'use client';

import type { ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { SubmitButton } from './submit-button';

/**
 * Suspend (asking first) or reactivate, and remove (asking first), for one person's access: an
 * organization membership or a console user. The words say what each step ends.
 */
export function AccessControls({
  email,
  status,
  fields,
  changeStatus,
  remove,
  noun,
  suspendBody,
  removeTitle,
  removeBody,
  canSuspend = true,
}: {
  email: string;
  status: 'active' | 'suspended';
  /** The hidden fields that name the record. */
  fields: Record<string, string>;
  /** Suspends an active record, reactivates a suspended one. */
  changeStatus: (form: FormData) => void;
  remove: (form: FormData) => void;
  /** "member", "console user": the confirm buttons say "Suspend member", "Remove console user". */
  noun: string;
  suspendBody: ReactNode;
  removeTitle: string;
  removeBody: ReactNode;
  canSuspend?: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      {!canSuspend ? null : status === 'active' ? (
        <ConfirmDialog
          trigger={
            <>
              Suspend<span className="sr-only"> {email}</span>…
            </>
          }
          triggerVariant="ghost"
          triggerClassName="px-2 py-1 text-xs"
          title={`Suspend ${email}?`}
          confirmLabel={`Suspend ${noun}`}
          action={changeStatus}
          fields={fields}
        >
          {suspendBody}
        </ConfirmDialog>
      ) : (
        <form action={changeStatus}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Reactivating…">
            Reactivate<span className="sr-only"> {email}</span>
          </SubmitButton>
        </form>
      )}
      <ConfirmDialog
        trigger={
          <>
            Remove<span className="sr-only"> {email}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={removeTitle}
        confirmLabel={`Remove ${noun}`}
        action={remove}
        fields={fields}
      >
        {removeBody}
      </ConfirmDialog>
    </div>
  );
}
