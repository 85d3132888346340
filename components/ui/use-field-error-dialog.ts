'use client';

import { useEffect, useRef } from 'react';
import type { Failure } from '@/lib/result';

/**
 * A confirmation dialog that stays open when the server refuses what it sent with field errors,
 * so the error shows beside the field the builder has to fix.
 */
export function useFieldErrorDialog(failure: Failure | null) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (failure?.fieldErrors && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [failure]);
  return dialog;
}
