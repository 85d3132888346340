'use client';

import { useActionState, useState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { AccessControls } from '@/components/ui/access-controls';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { CONSOLE_ROLE_DESCRIPTIONS, CONSOLE_ROLE_LABELS, CONSOLE_ROLES, type ConsoleRole } from '@/lib/console/roles';
import { formLevelFailure } from '@/lib/result';

function ConsoleRoleSelect({
  id,
  value,
  onChange,
  label,
}: {
  id: string;
  value: ConsoleRole;
  onChange: (role: ConsoleRole) => void;
  label: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        {CONSOLE_ROLE_DESCRIPTIONS[value]}
      </p>
      <select
        id={id}
        name="role"
        value={value}
        onChange={(event) => onChange(event.target.value as ConsoleRole)}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {CONSOLE_ROLES.map((role) => (
          <option key={role} value={role}>
            {CONSOLE_ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Invites one person to the console's team; the server checks the address and the role. */
export function InviteConsoleUserForm({ action }: { action: FormAction }) {
  const [result, submit] = useActionState(action, null);
  const failed = result && !result.ok ? result : null;
  const [role, setRole] = useState<ConsoleRole>((failed?.values?.role as ConsoleRole) ?? 'viewer');
  return (
    <form action={submit} className="max-w-xl space-y-4" noValidate>
      <FormMessage result={formLevelFailure(result)} success="Invitation sent. It appears below until it is accepted." />
      <TextField
        id="console-invite-email"
        label="Email address"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={failed?.values?.email ?? ''}
        key={`email-${failed?.values?.email ?? ''}-${result?.ok ? 'sent' : ''}`}
        errors={failed?.fieldErrors?.email}
      />
      <ConsoleRoleSelect id="console-invite-role" label="Console role" value={role} onChange={setRole} />
      <TextField
        id="console-invite-days"
        label="Expires after (days)"
        name="expiresInDays"
        type="number"
        min={1}
        max={30}
        defaultValue={failed?.values?.expiresInDays ?? '7'}
        errors={failed?.fieldErrors?.expiresInDays}
        className="max-w-40"
      />
      <SubmitButton pendingLabel="Sending…">Send console invitation</SubmitButton>
    </form>
  );
}

/**
 * An owner's controls for one console user: role, suspend or reactivate, remove (asking first).
 * A row ADMIN_EMAILS no longer names (`role` null) can only be removed.
 */
export function ConsoleUserActions({
  userId,
  email,
  role,
  status,
  isSelf,
  actions,
}: {
  userId: string;
  email: string;
  role: ConsoleRole | null;
  status: 'active' | 'suspended';
  isSelf: boolean;
  actions: { changeRole: FormAction; suspend: FormAction; reactivate: FormAction; remove: FormAction };
}) {
  const [roleResult, changeRole] = useActionState(actions.changeRole, null);
  const [statusResult, changeStatus] = useActionState(status === 'active' ? actions.suspend : actions.reactivate, null);
  const [removeResult, remove] = useActionState(actions.remove, null);
  const [chosen, setChosen] = useState<ConsoleRole>(role ?? 'viewer');
  const selectId = `console-role-${userId}`;
  return (
    <div className="space-y-2">
      {role === null ? null : (
        <form action={changeRole} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor={selectId} className="sr-only">
            Console role for {email}
          </label>
          <select
            id={selectId}
            name="role"
            value={chosen}
            onChange={(event) => setChosen(event.target.value as ConsoleRole)}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs"
          >
            {CONSOLE_ROLES.map((option) => (
              <option key={option} value={option}>
                {CONSOLE_ROLE_LABELS[option]}
              </option>
            ))}
          </select>
          <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Saving…" disabled={chosen === role}>
            Change role<span className="sr-only"> for {email}</span>
          </SubmitButton>
        </form>
      )}
      {isSelf ? (
        <p className="text-xs text-slate-600">Another owner can suspend or remove you.</p>
      ) : (
        <AccessControls
          email={email}
          status={status}
          fields={{ userId }}
          changeStatus={changeStatus}
          remove={remove}
          noun="console user"
          canSuspend={role !== null}
          suspendBody={<p>Their console sessions end now, and they can’t sign in to the console until reactivated.</p>}
          removeTitle={`Remove ${email} from the console?`}
          removeBody={
            <p>Their console access ends now. Memberships in organizations stay as they are. To bring them back, invite them again.</p>
          }
        />
      )}
      <FormMessage result={roleResult} success="Console role changed." />
      <FormMessage result={statusResult} />
      <FormMessage result={removeResult} />
    </div>
  );
}

/** Resend or revoke one console invitation. */
export function ConsoleInvitationActions({
  invitationId,
  email,
  canRevoke,
  actions,
}: {
  invitationId: string;
  email: string;
  canRevoke: boolean;
  actions: { resend: FormAction; revoke: FormAction };
}) {
  const [resendResult, resend] = useActionState(actions.resend, null);
  const [revokeResult, revoke] = useActionState(actions.revoke, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={resend}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Resending…">
            Resend<span className="sr-only"> to {email}</span>
          </SubmitButton>
        </form>
        {canRevoke ? (
          <ConfirmDialog
            trigger={
              <>
                Revoke<span className="sr-only"> the invitation to {email}</span>…
              </>
            }
            triggerVariant="ghost"
            triggerClassName="px-2 py-1 text-xs text-red-800"
            title={`Revoke the console invitation to ${email}?`}
            confirmLabel="Revoke invitation"
            action={revoke}
            fields={{ invitationId }}
          >
            <p>The link stops working at once. You can invite the address again later.</p>
          </ConfirmDialog>
        ) : null}
      </div>
      <FormMessage result={resendResult} success="Sent again with a new link." />
      <FormMessage result={revokeResult} success="Revoked." />
    </div>
  );
}
