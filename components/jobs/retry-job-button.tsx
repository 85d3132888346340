'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Gives one dead job a fresh set of attempts. */
export function RetryJobButton({ jobId, kind, retry }: { jobId: string; kind: string; retry: FormAction }) {
  const [result, action] = useActionState(retry, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Queuing…">
        Retry<span className="sr-only"> {kind} job</span>
      </SubmitButton>
      <FormMessage result={result} />
    </form>
  );
}
