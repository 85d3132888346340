'use client';

import { type FormEvent, startTransition, useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';

/**
 * A form whose fields are React state (checkbox lists, repeated fields) and must keep what the
 * person chose after the server answers. React resets a form after its action runs, which puts
 * controlled checkboxes out of step with their state; this submits the same FormData without it.
 */
export function useKeptForm(action: FormAction) {
  const [result, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  return { result, onSubmit, pending };
}
