'use client';

import { useActionState, useRef, useState } from 'react';
import { useOrganizationActions } from '@/components/actions-context';
import { AccessControls } from '@/components/ui/access-controls';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { RoleSummary } from '@/lib/access/queries';
import type { RoleKey } from '@/lib/access/roles';
import { crossesOperatingTeam } from '@/lib/members/policy';

type Props = {
  organizationId: string;
  membershipId: string;
  email: string;
  role: RoleKey;
  status: 'active' | 'suspended';
  /** The roles this organization can use, least privileged first. */
  roles: RoleSummary[];
};

/**
 * One member's actions: change role (asking first when it moves them into or out of the
 * operating team), suspend or reactivate, remove (asking first). The server enforces every rule.
 */
export function MemberActions({ organizationId, membershipId, email, role, status, roles }: Props) {
  const actions = useOrganizationActions();
  const [roleResult, changeRole] = useActionState(actions.changeMemberRole, null);
  const [statusResult, changeStatus] = useActionState(status === 'active' ? actions.suspendMember : actions.reactivateMember, null);
  const [removeResult, remove] = useActionState(actions.removeMember, null);
  const [chosen, setChosen] = useState<RoleKey>(role);
  const confirmRole = useRef<HTMLDialogElement>(null);
  const roleForm = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const fields = { organizationId, membershipId };
  const selectId = `role-${membershipId}`;
  const roleOf = (key: RoleKey) => roles.find((r) => r.key === key) ?? { key, name: key, description: '', operatingTeam: false };
  const current = roleOf(role);
  const next = roleOf(chosen);
  const crossing = crossesOperatingTeam(current, next);
  return (
    <div className="space-y-2">
      <form
        ref={roleForm}
        action={changeRole}
        onSubmit={(event) => {
          // Into or out of the operating team: ask first, then submit for real.
          if (crossing && !confirmed.current) {
            event.preventDefault();
            confirmRole.current?.showModal();
          }
          confirmed.current = false;
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="membershipId" value={membershipId} />
        <label htmlFor={selectId} className="sr-only">
          Role for {email}
        </label>
        <select
          id={selectId}
          name="role"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-xs"
        >
          {roles.map((option) => (
            <option key={option.key} value={option.key}>
              {option.name}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingLabel="Saving…" disabled={chosen === role}>
          Change role<span className="sr-only"> for {email}</span>
        </SubmitButton>
        <dialog
          ref={confirmRole}
          aria-labelledby={`${selectId}-confirm`}
          className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
        >
          <div className="space-y-4">
            <h2 id={`${selectId}-confirm`} className="text-lg font-semibold">
              Make {email} {next.name}?
            </h2>
            <p className="text-sm text-slate-700">
              {crossing
                ? current.operatingTeam
                  ? `${email} leaves the operating team and loses access to administration.`
                  : `${email} joins the operating team: ${next.description}`
                : next.description}
            </p>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => confirmRole.current?.close()}>
                Cancel
              </Button>
              <Button
                type="button"
                onClick={() => {
                  confirmRole.current?.close();
                  confirmed.current = true;
                  roleForm.current?.requestSubmit();
                }}
              >
                Change role
              </Button>
            </div>
          </div>
        </dialog>
      </form>
      <AccessControls
        email={email}
        status={status}
        fields={fields}
        changeStatus={changeStatus}
        remove={remove}
        noun="member"
        suspendBody={<p>They lose access to this organization until reactivated, and no longer count as an active member.</p>}
        removeTitle={`Remove ${email} from this organization?`}
        removeBody={<p>Their membership ends now. To bring them back, invite them again.</p>}
      />
      <FormMessage result={roleResult} success="Role changed." />
      <FormMessage result={statusResult} />
      <FormMessage result={removeResult} />
    </div>
  );
}
