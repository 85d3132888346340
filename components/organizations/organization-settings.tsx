'use client';

import { useActionState } from 'react';
import { type FormAction, useOrganizationActions } from '@/components/actions-context';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { useFieldErrorDialog } from '@/components/ui/use-field-error-dialog';
import { failureOf, type Result } from '@/lib/result';

type Org = { id: string; name: string; slug: string; status: 'active' | 'suspended' };

function FieldForm({
  organization,
  action,
  field,
  label,
  initial,
  hint,
  submit,
  success,
}: {
  organization: Org;
  action: FormAction;
  field: 'name' | 'slug';
  label: string;
  initial: string;
  hint: string;
  submit: string;
  success: string;
}) {
  const [result, formAction] = useActionState(action, null);
  const failure = failureOf(result);
  const typed = failure?.values?.[field];
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="organizationId" value={organization.id} />
      <TextField
        label={label}
        name={field}
        defaultValue={typed ?? initial}
        key={`${field}:${typed ?? initial}:${failure ? 'failed' : 'ok'}`}
        required
        autoComplete="off"
        hint={hint}
        errors={failure?.fieldErrors?.[field]}
      />
      <FormMessage result={failure?.fieldErrors ? null : (result as Result<unknown> | null)} success={success} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {submit}
      </SubmitButton>
    </form>
  );
}

export function RenameOrganizationForm({ organization }: { organization: Org }) {
  return (
    <FieldForm
      organization={organization}
      action={useOrganizationActions().rename}
      field="name"
      label="Organization name"
      initial={organization.name}
      hint="1–100 characters."
      submit="Rename"
      success="Name saved."
    />
  );
}

export function ChangeSlugForm({ organization }: { organization: Org }) {
  return (
    <FieldForm
      organization={organization}
      action={useOrganizationActions().changeSlug}
      field="slug"
      label="Slug"
      initial={organization.slug}
      hint="Links with the old slug keep working: they redirect here."
      submit="Change slug"
      success="Slug changed."
    />
  );
}

export function SuspensionForm({ organization }: { organization: Org }) {
  const suspended = organization.status === 'suspended';
  const actions = useOrganizationActions();
  const [result, formAction] = useActionState(suspended ? actions.reactivate : actions.suspend, null);
  if (suspended) {
    return (
      <form action={formAction} className="space-y-3">
        <input type="hidden" name="organizationId" value={organization.id} />
        <p className="text-sm text-slate-700">This organization is suspended, so it shows as Needs attention.</p>
        <FormMessage result={failureOf(result)} />
        <SubmitButton variant="secondary" pendingLabel="Reactivating…">
          Reactivate organization
        </SubmitButton>
      </form>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">Suspending marks the organization as Needs attention until you reactivate it.</p>
      <FormMessage result={failureOf(result)} />
      <ConfirmDialog
        trigger="Suspend organization…"
        title={`Suspend ${organization.name}?`}
        confirmLabel="Suspend"
        action={formAction}
        fields={{ organizationId: organization.id }}
      >
        The organization will show as Needs attention. You can reactivate it at any time.
      </ConfirmDialog>
    </div>
  );
}

export function DeleteOrganizationForm({ organization }: { organization: Org }) {
  const [result, formAction] = useActionState(useOrganizationActions().remove, null);
  const failure = failureOf(result);
  const dialog = useFieldErrorDialog(failure);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Deleting removes the organization with its members, invitations and domains. This can’t be undone.
      </p>
      {failure && !failure.fieldErrors ? <FormMessage result={failure} /> : null}
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        Delete organization…
      </Button>
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4" noValidate>
          <input type="hidden" name="organizationId" value={organization.id} />
          <h2 id="delete-title" className="text-lg font-semibold">
            Delete {organization.name}?
          </h2>
          <p className="text-sm text-slate-700">
            Its members, invitations and domains are deleted with it. Type <strong className="font-mono">{organization.slug}</strong> to
            confirm.
          </p>
          <TextField
            label="Slug to confirm"
            name="confirmSlug"
            autoComplete="off"
            spellCheck={false}
            defaultValue={failure?.values?.confirmSlug ?? ''}
            key={failure?.values?.confirmSlug ?? ''}
            errors={failure?.fieldErrors?.confirmSlug}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Deleting…">
              Delete organization
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
