'use client';

import { useActionState } from 'react';
import { type FormAction, useOrganizationActions } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
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
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Deleting removes the organization with its members, invitations and domains. This can’t be undone.
      </p>
      <TypedConfirmDialog
        id="delete"
        action={useOrganizationActions().remove}
        fields={{ organizationId: organization.id }}
        trigger="Delete organization…"
        title={`Delete ${organization.name}?`}
        confirmName="confirmSlug"
        confirmLabel="Slug to confirm"
        submitLabel="Delete organization"
      >
        Its members, invitations and domains are deleted with it. Type <strong className="font-mono">{organization.slug}</strong> to
        confirm.
      </TypedConfirmDialog>
    </div>
  );
}
