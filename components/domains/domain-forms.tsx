'use client';

import { useActionState, useEffect, useState } from 'react';
import { RoleSelect } from '@/components/access/role-select';
import { useOrganizationActions } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { AUTO_JOIN_ROLES, type MemberRoleName, ROLE_LABELS, type RoleKey } from '@/lib/access/roles';
import { failureOf, formLevelFailure } from '@/lib/result';

export function AddDomainForm({ organizationId }: { organizationId: string }) {
  const [result, action] = useActionState(useOrganizationActions().addDomain, null);
  const [value, setValue] = useState('');
  const failure = failureOf(result);
  const suggestion = failure?.hint?.suggestedDomain;
  // Added: clear the field for the next one.
  useEffect(() => {
    if (result?.ok) setValue('');
  }, [result]);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="organizationId" value={organizationId} />
      <TextField
        label="Domain"
        name="domain"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        placeholder="acme.com"
        hint="The email domain the organization owns, e.g. acme.com. You’ll prove it with a DNS record."
        errors={failure?.fieldErrors?.domain}
      />
      {suggestion ? (
        <button type="button" className="text-sm font-medium text-blue-700 underline" onClick={() => setValue(suggestion)}>
          Use “{suggestion}”
        </button>
      ) : null}
      <FormMessage result={formLevelFailure(failure)} />
      <SubmitButton pendingLabel="Adding…">Add domain</SubmitButton>
    </form>
  );
}

type DomainRef = { organizationId: string; domainId: string; name: string };

export function VerifyNowButton({ organizationId, domainId, name }: DomainRef) {
  const [result, action] = useActionState(useOrganizationActions().verifyDomain, null);
  const outcome = result?.ok ? (result.data as { status: string; result: string }) : null;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="domainId" value={domainId} />
      <SubmitButton variant="secondary" className="px-3 py-1 text-xs" pendingLabel="Checking DNS…">
        Verify now<span className="sr-only"> for {name}</span>
      </SubmitButton>
      {outcome ? (
        <p role="status" className="text-xs text-slate-700">
          {outcome.status === 'verified' ? 'Verified.' : outcome.result}
        </p>
      ) : (
        <FormMessage result={failureOf(result)} />
      )}
    </form>
  );
}

export function IncludeSubdomainsForm({ organizationId, domainId, name, includeSubdomains }: DomainRef & { includeSubdomains: boolean }) {
  const [result, action] = useActionState(useOrganizationActions().includeSubdomains, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="domainId" value={domainId} />
      <input type="hidden" name="includeSubdomains" value={includeSubdomains ? 'off' : 'on'} />
      <p className="text-xs text-slate-700">
        Subdomains (like eu.{name}) {includeSubdomains ? 'are included.' : 'are not included.'}
      </p>
      <SubmitButton variant="ghost" className="px-2 py-1 text-xs" pendingLabel="Saving…">
        {includeSubdomains ? 'Exclude subdomains' : 'Include subdomains'}
      </SubmitButton>
      <FormMessage result={failureOf(result)} />
    </form>
  );
}

export function RemoveDomainButton({ organizationId, domainId, name }: DomainRef) {
  const [result, action] = useActionState(useOrganizationActions().removeDomain, null);
  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <>
            Remove<span className="sr-only"> {name}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Remove ${name}?`}
        confirmLabel="Remove domain"
        action={action}
        fields={{ organizationId, domainId }}
      >
        Auto-join stops matching addresses at {name}. If it is the last verified domain, auto-join turns off.
      </ConfirmDialog>
      <FormMessage result={failureOf(result)} />
    </div>
  );
}

export function AutoJoinPanel({
  organizationId,
  enabled,
  role,
  roleName,
  approvedBy,
  approvedAt,
  verifiedDomains,
}: {
  organizationId: string;
  enabled: boolean;
  role: RoleKey;
  /** The role's name, as the roles table has it. */
  roleName: string;
  approvedBy: string | null;
  approvedAt: string | null;
  verifiedDomains: string[];
}) {
  const [enableResult, enable] = useActionState(useOrganizationActions().enableAutoJoin, null);
  const [disableResult, disable] = useActionState(useOrganizationActions().disableAutoJoin, null);
  // Auto-join offers Member or Admin; the current role is the starting choice when it is one of them.
  const [chosenRole, setChosenRole] = useState<MemberRoleName>(role === 'admin' ? 'admin' : 'member');
  const failure = failureOf(enableResult);
  if (enabled) {
    return (
      <form action={disable} className="space-y-3">
        <input type="hidden" name="organizationId" value={organizationId} />
        <p className="text-sm text-slate-800">
          <strong>Auto-join is on.</strong> People who sign in at /account/login with a verified address at{' '}
          {verifiedDomains.join(', ') || 'a verified domain'} join as {roleName}. Approved by {approvedBy ?? 'a builder'}
          {approvedAt ? ` on ${approvedAt}` : ''}.
        </p>
        <FormMessage result={failureOf(disableResult)} />
        <SubmitButton variant="secondary" pendingLabel="Turning off…">
          Turn auto-join off
        </SubmitButton>
      </form>
    );
  }
  if (!verifiedDomains.length) {
    return (
      <p className="text-sm text-slate-700">
        Auto-join is off. It can be turned on once the organization has a verified domain: add one above and verify it.
      </p>
    );
  }
  return (
    <form action={enable} className="space-y-3" noValidate>
      <input type="hidden" name="organizationId" value={organizationId} />
      <p className="text-sm text-slate-700">
        Auto-join is off. When on, anyone who signs in with a verified address at {verifiedDomains.join(', ')} joins this organization.
      </p>
      <RoleSelect
        id="auto-join-role"
        label="Role for people who auto-join"
        value={chosenRole}
        onChange={(key) => setChosenRole(key === 'admin' ? 'admin' : 'member')}
        roles={AUTO_JOIN_ROLES.map((key) => ({
          key,
          name: ROLE_LABELS[key].label,
          description: ROLE_LABELS[key].description,
          operatingTeam: key === 'admin',
        }))}
      />
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="approve"
            value="yes"
            className="mt-1"
            aria-describedby={failure?.fieldErrors?.approve ? 'auto-join-approve-error' : undefined}
            aria-invalid={failure?.fieldErrors?.approve ? true : undefined}
          />
          <span>
            I approve this access model: anyone with a verified address at these domains may join as {ROLE_LABELS[chosenRole].label}.
          </span>
        </label>
        {failure?.fieldErrors?.approve ? (
          <p id="auto-join-approve-error" className="mt-1 text-sm text-red-700">
            {failure.fieldErrors.approve.join(' ')}
          </p>
        ) : null}
      </div>
      <FormMessage result={formLevelFailure(failure)} />
      <SubmitButton pendingLabel="Turning on…">Turn auto-join on</SubmitButton>
    </form>
  );
}
