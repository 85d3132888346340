'use client';

import { useActionState, useRef } from 'react';
import { resendInvitationAction, revokeInvitationAction } from '@/app/(console)/organizations/[slug]/invitations/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Props = { organizationId: string; invitationId: string; email: string };

export function ResendInvitationButton({ organizationId, invitationId, email }: Props) {
  const [result, action] = useActionState(resendInvitationAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Resending…" aria-label={`Resend invitation to ${email}`}>
        Resend
      </SubmitButton>
      <FormMessage result={result} success="Resent with a new link; the old link no longer works." />
    </form>
  );
}

export function RevokeInvitationButton({ organizationId, invitationId, email }: Props) {
  const [result, action] = useActionState(revokeInvitationAction, null);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <div className="space-y-1">
      <Button type="button" variant="ghost" className="px-2 py-1 text-xs text-red-800" onClick={() => dialog.current?.showModal()} aria-label={`Revoke invitation to ${email}`}>
        Revoke…
      </Button>
      <FormMessage result={result && !result.ok ? result : null} />
      <dialog ref={dialog} aria-labelledby={`revoke-${invitationId}`} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={action} onSubmit={() => dialog.current?.close()} className="space-y-4">
          <input type="hidden" name="organizationId" value={organizationId} />
          <input type="hidden" name="invitationId" value={invitationId} />
          <h2 id={`revoke-${invitationId}`} className="text-lg font-semibold">
            Revoke the invitation to {email}?
          </h2>
          <p className="text-sm text-slate-700">The link in their email stops working at once. You can invite them again later.</p>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger">
              Revoke invitation
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
