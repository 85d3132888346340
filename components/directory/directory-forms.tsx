'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { useOrganizationActions } from '@/components/actions-context';
import { Button } from '@/components/ui/button';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { RevokeButton } from '@/components/ui/revoke-button';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { DIRECTORY_PROVIDERS, type DirectoryProviderKey } from '@/lib/directory/providers';
import { formatDate } from '@/lib/format';
import { failureOf, formLevelFailure } from '@/lib/result';

const PROVIDER_KEYS = Object.keys(DIRECTORY_PROVIDERS) as DirectoryProviderKey[];

/** A token shown once, with a copy button and the warning that it won't be shown again. */
export function TokenOnce({ token, heading, children }: { token: string; heading: string; children?: React.ReactNode }) {
  return (
    <ShownOnce
      heading={heading}
      note="Copy it now and paste it into the identity provider: Orgdesk stores only its hash and can’t show it again."
      value={token}
      copyLabel="Copy the token"
      testId="directory-token"
    >
      {children}
    </ShownOnce>
  );
}

function ProviderSelect({
  value,
  onChange,
  errors,
}: {
  value: DirectoryProviderKey;
  onChange: (key: DirectoryProviderKey) => void;
  errors?: string[];
}) {
  return (
    <ChoiceSelect
      id="directory-provider"
      name="provider"
      label="Identity provider"
      hint="The setup steps and field names follow this choice."
      value={value}
      onChange={onChange}
      options={PROVIDER_KEYS.map((key) => ({ key, label: DIRECTORY_PROVIDERS[key].label }))}
      errors={errors}
    />
  );
}

/** New directory: a name and the identity provider; the answer shows the first token once. */
export function CreateDirectoryForm({ organizationId }: { organizationId: string }) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().createDirectory);
  const router = useRouter();
  const failure = failureOf(result);
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<DirectoryProviderKey>('okta');
  const created = result?.ok ? (result.data as { directoryId: string; token: string }) : null;
  if (created) {
    return (
      <TokenOnce token={created.token} heading="Directory created: its token">
        <Button type="button" onClick={() => router.refresh()}>
          I’ve stored the token: show the setup
        </Button>
      </TokenOnce>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="new-directory-heading">
      <h3 id="new-directory-heading" className="font-semibold">
        Create the directory
      </h3>
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="new-directory-name"
          label="Name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={`${DIRECTORY_PROVIDERS[provider].label} provisioning`}
          hint="How builders and the audit log tell this directory apart."
          errors={failure?.fieldErrors?.name}
          autoComplete="off"
        />
        <ProviderSelect value={provider} onChange={setProvider} errors={failure?.fieldErrors?.provider} />
      </div>
      <FormMessage result={formLevelFailure(failure)} />
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create directory
      </SubmitButton>
    </form>
  );
}

interface DirectoryRef {
  organizationId: string;
  directoryId: string;
}

/** A new token; the current ones keep working through the overlap. */
export function RotateTokenForm({ directory }: { directory: DirectoryRef }) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().rotateDirectoryToken);
  const failure = failureOf(result);
  const [overlap, setOverlap] = useState('24');
  const rotated = result?.ok ? (result.data as { token: string; overlapEndsAt: string | Date }) : null;
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate aria-label="Rotate the token">
        <input type="hidden" name="organizationId" value={directory.organizationId} />
        <input type="hidden" name="directoryId" value={directory.directoryId} />
        <TextField
          label="Overlap (hours)"
          name="overlapHours"
          inputMode="numeric"
          value={overlap}
          onChange={(event) => setOverlap(event.target.value)}
          hint="The current tokens keep working this long (0 stops them now), so the identity provider can be switched without a gap."
          errors={failure?.fieldErrors?.overlapHours}
          className="max-w-md"
        />
        <SubmitButton pending={pending} pendingLabel="Rotating…" variant="secondary">
          Rotate token
        </SubmitButton>
      </form>
      <FormMessage result={formLevelFailure(failure)} />
      {rotated ? <TokenOnce token={rotated.token} heading="New token" /> : null}
    </div>
  );
}

export function RevokeTokenButton({ directory, token }: { directory: DirectoryRef; token: { id: string; prefix: string } }) {
  return (
    <RevokeButton
      action={useOrganizationActions().revokeDirectoryToken}
      fields={{ ...directory, tokenId: token.id }}
      label={`the token ${token.prefix}…`}
      confirmLabel="Revoke token"
    >
      It stops working at once: the identity provider’s next request with it is refused until it has another token.
    </RevokeButton>
  );
}

export interface SettingsValues {
  name: string;
  provider: DirectoryProviderKey;
  ssoConnectionId: string;
  suspendOnDeprovision: boolean;
  staleAfterHours: number;
}

/** Name, provider, the intended SSO connection, deprovisioning and the silence limit, each explained. */
export function DirectorySettingsForm({
  directory,
  initial,
  connections,
}: {
  directory: DirectoryRef;
  initial: SettingsValues;
  connections: { id: string; name: string; enabled: boolean }[];
}) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().updateDirectory);
  const failure = failureOf(result);
  const errors = failure?.fieldErrors ?? {};
  const [values, setValues] = useState({ ...initial, staleAfterHours: String(initial.staleAfterHours) });
  const set = (patch: Partial<typeof values>) => setValues((current) => ({ ...current, ...patch }));
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="directory-settings-heading">
      <h3 id="directory-settings-heading" className="font-semibold">
        Settings
      </h3>
      <input type="hidden" name="organizationId" value={directory.organizationId} />
      <input type="hidden" name="directoryId" value={directory.directoryId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Directory name"
          name="name"
          value={values.name}
          onChange={(e) => set({ name: e.target.value })}
          errors={errors.name}
        />
        <ProviderSelect value={values.provider} onChange={(provider) => set({ provider })} errors={errors.provider} />
      </div>
      <div>
        <label htmlFor="directory-sso" className="block text-sm font-medium text-slate-800">
          Intended SSO connection
        </label>
        <p id="directory-sso-hint" className="mt-1 text-sm text-slate-600">
          The connection the people this directory provisions sign in through. Enable directory sync only for the connection it belongs to.
        </p>
        <select
          id="directory-sso"
          name="ssoConnectionId"
          value={values.ssoConnectionId}
          onChange={(event) => set({ ssoConnectionId: event.target.value })}
          aria-describedby="directory-sso-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        >
          <option value="">None</option>
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.name}
              {connection.enabled ? '' : ' (disabled)'}
            </option>
          ))}
        </select>
        <FieldError id="directory-sso-error" errors={errors.ssoConnectionId} />
      </div>
      <div className="flex items-start gap-2">
        <input
          id="directory-suspend"
          type="checkbox"
          name="suspendOnDeprovision"
          checked={values.suspendOnDeprovision}
          onChange={(event) => set({ suspendOnDeprovision: event.target.checked })}
          aria-describedby="directory-suspend-hint"
          className="mt-1"
        />
        <div>
          <label htmlFor="directory-suspend" className="text-sm font-medium text-slate-800">
            Suspend deprovisioned users automatically
          </label>
          <p id="directory-suspend-hint" className="text-sm text-slate-600">
            When the identity provider deactivates or deletes someone, their membership is suspended and their sessions end; reactivating
            them restores it. When off, they stay active and are listed below for review, where you suspend or keep each one.
          </p>
        </div>
      </div>
      <TextField
        label="Not heard from after (hours)"
        name="staleAfterHours"
        inputMode="numeric"
        value={values.staleAfterHours}
        onChange={(e) => set({ staleAfterHours: e.target.value })}
        hint="A directory that has synced before and then sends nothing for this long makes the organization Needs attention (1 to 720)."
        errors={errors.staleAfterHours}
        className="max-w-md"
      />
      <FormMessage result={formLevelFailure(failure) ?? (result?.ok ? result : null)} success="Directory settings saved." />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}

/**
 * New directory groups create organizations: off by default; turning it on takes an explicit
 * approval, which is recorded (who and when).
 */
export function OrganizationCreationForm({
  directory,
  enabled,
  approved,
}: {
  directory: DirectoryRef;
  enabled: boolean;
  approved: { at: Date; by: string | null } | null;
}) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().setOrganizationCreation);
  const failure = failureOf(result);
  const [on, setOn] = useState(enabled);
  const [approve, setApprove] = useState(false);
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="organization-creation-heading" className="space-y-3">
      <h3 id="organization-creation-heading" className="font-semibold">
        Organizations from directory groups
      </h3>
      <input type="hidden" name="organizationId" value={directory.organizationId} />
      <input type="hidden" name="directoryId" value={directory.directoryId} />
      <div className="flex items-start gap-2">
        <input
          id="directory-create-organizations"
          type="checkbox"
          name="enabled"
          checked={on}
          onChange={(event) => setOn(event.target.checked)}
          aria-describedby="directory-create-organizations-hint"
          className="mt-1"
        />
        <div>
          <label htmlFor="directory-create-organizations" className="text-sm font-medium text-slate-800">
            New directory groups create organizations
          </label>
          <p id="directory-create-organizations-hint" className="text-sm text-slate-600">
            Each group the identity provider pushes from now on becomes an organization of its own, named after the group and showing where
            it came from. It starts in Setup; its members are the group’s people, who leave it (suspended) when they leave the group or are
            deprovisioned. Off by default.
            {approved ? ` Last approved by ${approved.by ?? 'a builder'} on ${formatDate(approved.at)}.` : ''}
          </p>
        </div>
      </div>
      {on && !enabled ? (
        <div className="flex items-start gap-2 rounded-md bg-amber-50 p-3">
          <input
            id="directory-approve-organizations"
            type="checkbox"
            name="approve"
            checked={approve}
            onChange={(event) => setApprove(event.target.checked)}
            aria-invalid={failure?.fieldErrors?.approve ? true : undefined}
            aria-describedby={failure?.fieldErrors?.approve ? 'directory-approve-organizations-error' : undefined}
            className="mt-1"
          />
          <div>
            <label htmlFor="directory-approve-organizations" className="text-sm font-medium text-amber-950">
              I approve: every new group will create an organization
            </label>
            <FieldError id="directory-approve-organizations-error" errors={failure?.fieldErrors?.approve} />
          </div>
        </div>
      ) : null}
      <FormMessage result={formLevelFailure(failure) ?? (result?.ok ? result : null)} success="Saved." />
      <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
        Save
      </SubmitButton>
    </form>
  );
}

/** A builder's decision for a user deprovisioned while automatic suspension was off. */
export function ReviewDecision({ directory, user }: { directory: DirectoryRef; user: { id: string; label: string } }) {
  const [result, action] = useActionState(useOrganizationActions().reviewDeprovisionedUser, null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ConfirmDialog
        trigger={
          <>
            Suspend<span className="sr-only"> {user.label}</span>…
          </>
        }
        triggerVariant="danger"
        triggerClassName="px-2 py-1 text-xs"
        title={`Suspend ${user.label}?`}
        confirmLabel="Suspend member"
        action={action}
        fields={{ ...directory, directoryUserId: user.id, decision: 'suspend' }}
      >
        Their membership is suspended and their sessions end. If the identity provider reactivates them, the membership is restored.
      </ConfirmDialog>
      <form action={action}>
        <input type="hidden" name="organizationId" value={directory.organizationId} />
        <input type="hidden" name="directoryId" value={directory.directoryId} />
        <input type="hidden" name="directoryUserId" value={user.id} />
        <input type="hidden" name="decision" value="keep" />
        <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Keeping…">
          Keep<span className="sr-only"> {user.label}</span>
        </SubmitButton>
      </form>
      <FormMessage result={failureOf(result)} />
    </div>
  );
}

export function DeleteDirectory({ directory, slug, name }: { directory: DirectoryRef; slug: string; name: string }) {
  return (
    <TypedConfirmDialog
      id="delete-directory"
      action={useOrganizationActions().deleteDirectory}
      fields={{ ...directory, slug }}
      trigger="Delete directory…"
      title={`Delete the directory ${name}?`}
      confirmName="confirmName"
      confirmLabel={`Type ${name} to confirm`}
      submitLabel="Delete directory"
    >
      Its tokens stop working, and its users, groups and event log are deleted. The members it provisioned stay members of the organization:
      remove them in Members if they should go.
    </TypedConfirmDialog>
  );
}
