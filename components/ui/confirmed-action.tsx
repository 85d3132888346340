'use client';

import { type ReactNode, useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import type { Result } from '@/lib/result';
import { ConfirmDialog } from './confirm-dialog';
import { FormMessage } from './form-message';

/**
 * A server action behind a confirmation: the dialog's button, the refusal if there is one, and
 * what the success shows (a secret shown once, say), or a success message.
 */
export function ConfirmedAction<T>({
  action,
  fields,
  trigger,
  triggerVariant,
  title,
  confirmLabel,
  children,
  success,
  shown,
}: {
  action: FormAction;
  fields: Record<string, string>;
  trigger: string;
  triggerVariant?: 'secondary' | 'ghost' | 'danger';
  title: string;
  confirmLabel: string;
  children: ReactNode;
  success?: string;
  shown?: (data: T) => ReactNode;
}) {
  const [result, run] = useActionState(action, null);
  const done = result?.ok ? (result as Extract<Result<T>, { ok: true }>).data : null;
  return (
    <div className="space-y-3">
      <ConfirmDialog
        trigger={trigger}
        triggerVariant={triggerVariant}
        title={title}
        confirmLabel={confirmLabel}
        action={run}
        fields={fields}
      >
        {children}
      </ConfirmDialog>
      <FormMessage result={result} success={success} />
      {done !== null && shown ? shown(done as T) : null}
    </div>
  );
}
