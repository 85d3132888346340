'use client';

import type { ComponentProps } from 'react';
import { useFormStatus } from 'react-dom';
import { Button } from './button';

/** A submit button that shows progress and can't be double-submitted. */
export function SubmitButton({
  children,
  pendingLabel,
  pending: submitting,
  ...props
}: ComponentProps<typeof Button> & { pendingLabel?: string /** For forms submitted by hand (useKeptForm). */; pending?: boolean }) {
  const status = useFormStatus();
  const pending = submitting ?? status.pending;
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending || undefined} {...props}>
      {pending ? (pendingLabel ?? 'Working…') : children}
    </Button>
  );
}
