'use client';

import { useActionState, useState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { ORGANIZATION_NAME_MAX } from '@/lib/organizations/schemas';
import { SLUG_MAX, slugify } from '@/lib/organizations/slug';
import { formLevelFailure } from '@/lib/result';

export function CreateOrganizationForm({ createOrganization }: { createOrganization: FormAction }) {
  const [result, action] = useActionState(createOrganization, null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  // The slug follows the name until the builder edits it by hand.
  const [slugEdited, setSlugEdited] = useState(false);
  const failure = result && !result.ok ? result : null;
  const suggested = failure?.hint?.suggestedSlug;
  const needsManualSlug = name.trim() !== '' && !slugEdited && slugify(name) === '';

  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormMessage result={formLevelFailure(failure)} />
      <TextField
        label="Organization name"
        name="name"
        value={name}
        maxLength={ORGANIZATION_NAME_MAX + 20}
        required
        autoComplete="off"
        onChange={(event) => {
          setName(event.target.value);
          if (!slugEdited) setSlug(slugify(event.target.value));
        }}
        hint="For a pilot, use a safe test name such as “Acme (pilot)”. Use a real customer name only when your app is ready for production data."
        errors={failure?.fieldErrors?.name}
      />
      <div>
        <TextField
          label="Slug"
          name="slug"
          value={slug}
          maxLength={SLUG_MAX + 10}
          required
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
          hint={
            needsManualSlug
              ? 'This name has no Latin letters to make a slug from. Type a slug: lowercase a–z, digits and hyphens.'
              : `Used in URLs: /organizations/${slug || 'your-slug'}. Lowercase a–z, digits and single hyphens, 2–${SLUG_MAX} characters.`
          }
          errors={failure?.fieldErrors?.slug}
        />
        {suggested ? (
          <button
            type="button"
            className="mt-2 text-sm font-medium text-blue-700 underline"
            onClick={() => {
              setSlug(suggested);
              setSlugEdited(true);
            }}
          >
            Use “{suggested}”
          </button>
        ) : null}
      </div>
      <SubmitButton pendingLabel="Creating…">Create Organization</SubmitButton>
    </form>
  );
}
