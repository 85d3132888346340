'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { formLevelFailure } from '@/lib/result';

/** The email sign-in form; the page passes the builder's or the member's sign-in action. */
export function SignInForm({
  callbackUrl,
  requestLink,
  defaultEmail = '',
}: {
  callbackUrl?: string;
  requestLink: FormAction;
  /** The address to offer, e.g. the one a console invitation was just accepted for. */
  defaultEmail?: string;
}) {
  const [result, action] = useActionState(requestLink, null);
  const values = result && !result.ok ? result.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage result={formLevelFailure(result)} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email ?? defaultEmail}
        key={values?.email ?? ''}
        errors={result && !result.ok ? result.fieldErrors?.email : undefined}
      />
      <SubmitButton className="w-full" pendingLabel="Sending link…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
