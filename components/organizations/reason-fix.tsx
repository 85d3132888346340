'use client';

import Link from 'next/link';
import { useActionState, useId, useState } from 'react';
import { useCan, useOrganizationActions } from '@/components/actions-context';
import { VerifyNowButton } from '@/components/domains/domain-forms';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import type { Permission } from '@/lib/commands/permissions';
import { type Fix, sectionHref } from '@/lib/organizations/fixes';
import { failureOf } from '@/lib/result';

/** What a fix needs from the page: the organization, and the records the reasons name. */
export interface FixTargets {
  organizationId: string;
  slug: string;
  /** Pending invitations by address, for "Fix the address and re-invite". */
  invitationIds: Record<string, string>;
  /** Domains by name, for "Verify now". */
  domainIds: Record<string, string>;
}

const FIX_PERMISSIONS = {
  reactivate_organization: 'organizations.suspend',
  resend_expired: 'invitations.manage',
  verify_domain: 'domains.manage',
  reinvite: 'invitations.send',
} as const satisfies Record<Exclude<Fix['kind'], 'link'>, Permission>;

/** One fix, as the Overview shows it next to its reason: a button that fixes it, or a link to the fix. */
export function ReasonFix({ fix, targets }: { fix: Fix; targets: FixTargets }) {
  // A fix the viewer's role can't run is not offered; the reason's words still say what is wrong.
  const can = useCan();
  if (fix.kind !== 'link' && !can(FIX_PERMISSIONS[fix.kind])) return null;
  switch (fix.kind) {
    case 'link':
      return (
        <Link href={sectionHref(targets.slug, fix.section, fix.anchor)} className={buttonClasses('secondary')}>
          {fix.label}
        </Link>
      );
    case 'reactivate_organization':
      return <OrganizationFormButton organizationId={targets.organizationId} label={fix.label} which="reactivate" />;
    case 'resend_expired':
      return <OrganizationFormButton organizationId={targets.organizationId} label={fix.label} which="resendExpiredInvitations" />;
    case 'verify_domain': {
      const domainId = targets.domainIds[fix.domain];
      return domainId ? <VerifyNowButton organizationId={targets.organizationId} domainId={domainId} name={fix.domain} /> : null;
    }
    case 'reinvite': {
      const invitationId = targets.invitationIds[fix.email];
      return invitationId ? (
        <ReinviteForm organizationId={targets.organizationId} invitationId={invitationId} email={fix.email} label={fix.label} />
      ) : null;
    }
  }
}

function OrganizationFormButton({
  organizationId,
  label,
  which,
}: {
  organizationId: string;
  label: string;
  which: 'reactivate' | 'resendExpiredInvitations';
}) {
  const [result, action] = useActionState(useOrganizationActions()[which], null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="organizationId" value={organizationId} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
      <FormMessage result={failureOf(result)} />
    </form>
  );
}

/** A corrected address for an invitation whose email bounced: the old one is revoked, a new one sent. */
function ReinviteForm({
  organizationId,
  invitationId,
  email,
  label,
}: {
  organizationId: string;
  invitationId: string;
  email: string;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const [result, action] = useActionState(useOrganizationActions().reinvite, null);
  const failure = failureOf(result);
  const id = useId();
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-expanded="false" aria-controls={id}>
        {label}
        <span className="sr-only"> for {email}</span>
      </Button>
    );
  }
  return (
    <form action={action} id={id} className="w-full max-w-md space-y-3 rounded-md border border-slate-200 p-3" noValidate>
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <TextField
        label={`Corrected address for ${email}`}
        name="email"
        id={`${id}-email`}
        type="email"
        autoComplete="off"
        autoFocus
        defaultValue={failure?.values?.email ?? email}
        errors={failure?.fieldErrors?.email}
        hint="The invitation to the old address stops working; a new one with the same role goes to this address."
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="confirmWarnings" value="on" />
        Send anyway if the address is outside the verified domains or at a consumer mail provider
      </label>
      {failure && !failure.fieldErrors ? <FormMessage result={failure} /> : null}
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Sending…">Re-invite</SubmitButton>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
