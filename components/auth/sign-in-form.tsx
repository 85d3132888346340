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
  offerSso = false,
}: {
  callbackUrl?: string;
  requestLink: FormAction;
  /** The address to offer, e.g. the one a console invitation was just accepted for. */
  defaultEmail?: string;
  /** Members: an address whose organization signs in with SSO goes there, unless they ask for a link. */
  offerSso?: boolean;
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
      {offerSso ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="emailLink" value="on" className="mt-1" defaultChecked={values?.emailLink === 'on'} />
          <span>Email me a link even if my organization uses single sign-on</span>
        </label>
      ) : null}
      <SubmitButton className="w-full" pendingLabel={offerSso ? 'Continuing…' : 'Sending link…'}>
        {offerSso ? 'Continue' : 'Email me a sign-in link'}
      </SubmitButton>
    </form>
  );
}
