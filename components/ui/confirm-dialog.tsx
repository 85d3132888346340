'use client';

import { type ReactNode, useRef } from 'react';
import { Button } from './button';

/**
 * A button that opens a modal confirmation; confirming submits `action` with the hidden fields.
 * Escape or Cancel closes it with nothing sent.
 */
export function ConfirmDialog({
  trigger,
  triggerVariant = 'secondary',
  triggerClassName = '',
  title,
  children,
  confirmLabel,
  action,
  fields,
}: {
  trigger: ReactNode;
  triggerVariant?: 'secondary' | 'ghost' | 'danger';
  triggerClassName?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  action: (form: FormData) => void;
  fields: Record<string, string>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `confirm-${Object.values(fields).join('-')}-${confirmLabel.replace(/\W+/g, '-')}`;
  return (
    <>
      <Button type="button" variant={triggerVariant} className={triggerClassName} onClick={() => dialog.current?.showModal()}>
        {trigger}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={action} onSubmit={() => dialog.current?.close()} className="space-y-4">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm text-slate-700">{children}</div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger">
              {confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
