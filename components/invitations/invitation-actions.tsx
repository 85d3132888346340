'use client';

import { useActionState } from 'react';
import { useOrganizationActions } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Props = { organizationId: string; invitationId: string; email: string };

export function ResendInvitationButton({ organizationId, invitationId, email }: Props) {
  const [result, action] = useActionState(useOrganizationActions().resendInvitation, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Resending…">
        Resend<span className="sr-only"> invitation to {email}</span>
      </SubmitButton>
      <FormMessage result={result} success="Resent with a new link; the old link no longer works." />
    </form>
  );
}

export function RevokeInvitationButton({ organizationId, invitationId, email }: Props) {
  const [result, action] = useActionState(useOrganizationActions().revokeInvitation, null);
  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <>
            Revoke<span className="sr-only"> invitation to {email}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Revoke the invitation to ${email}?`}
        confirmLabel="Revoke invitation"
        action={action}
        fields={{ organizationId, invitationId }}
      >
        The link in their email stops working at once. You can invite them again later.
      </ConfirmDialog>
      <FormMessage result={result && !result.ok ? result : null} />
    </div>
  );
}
