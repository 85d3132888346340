'use client';

import { useActionState } from 'react';
import { useOrganizationActions } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import type { RoleSummary } from '@/lib/access/queries';
import { failureOf, formLevelFailure } from '@/lib/result';

/** The roles a group gives, as checkboxes: each reaches every member of the group. */
function RoleChoices({ roles, chosen, idPrefix, errors }: { roles: RoleSummary[]; chosen: string[]; idPrefix: string; errors?: string[] }) {
  return (
    <fieldset className="space-y-1" aria-describedby={errors?.length ? `${idPrefix}-roles-error` : undefined}>
      <legend className="text-sm font-medium">Roles its members receive</legend>
      <p className="text-sm text-slate-600">On top of each member’s own role. None is fine: a group can simply name a team.</p>
      <ul className="flex flex-wrap gap-x-5 gap-y-1">
        {roles.map((role) => (
          <li key={role.key}>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles[]" value={role.key} defaultChecked={chosen.includes(role.key)} />
              {role.name}
            </label>
          </li>
        ))}
      </ul>
      {errors?.length ? (
        <p id={`${idPrefix}-roles-error`} className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CreateGroupForm({ organizationId, roles }: { organizationId: string; roles: RoleSummary[] }) {
  const [result, action] = useActionState(useOrganizationActions().createGroup, null);
  const failure = failureOf(result);
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="organizationId" value={organizationId} />
      <FormMessage result={result?.ok ? result : formLevelFailure(result)} success="Group created. Add its members below." />
      <TextField
        label="Group name"
        name="name"
        id="group-name"
        defaultValue={failure?.values?.name ?? ''}
        errors={failure?.fieldErrors?.name}
      />
      <TextField
        label="Group description"
        name="description"
        id="group-description"
        defaultValue={failure?.values?.description ?? ''}
        hint="Who belongs in it, in a sentence."
        errors={failure?.fieldErrors?.description}
      />
      <RoleChoices roles={roles} chosen={[]} idPrefix="new-group" errors={failure?.fieldErrors?.roles} />
      <SubmitButton pendingLabel="Creating…">Create group</SubmitButton>
    </form>
  );
}

/** A group's roles, edited in place. */
export function GroupRolesForm({
  organizationId,
  group,
  roles,
}: {
  organizationId: string;
  group: { id: string; name: string; description: string; roles: string[] };
  roles: RoleSummary[];
}) {
  const [result, action] = useActionState(useOrganizationActions().updateGroup, null);
  const failure = failureOf(result);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="groupId" value={group.id} />
      <input type="hidden" name="name" value={group.name} />
      <input type="hidden" name="description" value={group.description} />
      <RoleChoices roles={roles} chosen={group.roles} idPrefix={`group-${group.id}`} errors={failure?.fieldErrors?.roles} />
      <FormMessage result={result?.ok ? result : formLevelFailure(result)} success="Saved. Its members have these roles now." />
      <SubmitButton variant="secondary" className="px-3 py-1 text-xs" pendingLabel="Saving…">
        Save roles<span className="sr-only"> of {group.name}</span>
      </SubmitButton>
    </form>
  );
}

export function AddGroupMemberForm({
  organizationId,
  group,
  candidates,
}: {
  organizationId: string;
  group: { id: string; name: string };
  candidates: { id: string; email: string }[];
}) {
  const [result, action] = useActionState(useOrganizationActions().addGroupMember, null);
  if (!candidates.length) return <p className="text-sm text-slate-600">Every member is in this group.</p>;
  const selectId = `add-to-${group.id}`;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="groupId" value={group.id} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium">
          Add a member to {group.name}
        </label>
        <select id={selectId} name="membershipId" className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
          {candidates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.email}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add
      </SubmitButton>
      <div className="w-full">
        <FormMessage result={result && !result.ok ? result : null} />
      </div>
    </form>
  );
}

export function RemoveGroupMemberButton({
  organizationId,
  groupId,
  membershipId,
  email,
  groupName,
}: {
  organizationId: string;
  groupId: string;
  membershipId: string;
  email: string;
  groupName: string;
}) {
  const [result, action] = useActionState(useOrganizationActions().removeGroupMember, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <SubmitButton variant="ghost" className="px-2 py-0.5 text-xs" pendingLabel="Removing…">
        Remove
        <span className="sr-only">
          {' '}
          {email} from {groupName}
        </span>
      </SubmitButton>
      <FormMessage result={result && !result.ok ? result : null} />
    </form>
  );
}

export function DeleteGroupButton({
  organizationId,
  group,
}: {
  organizationId: string;
  group: { id: string; name: string; memberCount: number };
}) {
  const [result, action] = useActionState(useOrganizationActions().deleteGroup, null);
  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <>
            Delete group<span className="sr-only"> {group.name}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Delete the group ${group.name}?`}
        confirmLabel="Delete group"
        action={action}
        fields={{ organizationId, groupId: group.id }}
      >
        {group.memberCount
          ? `Its ${group.memberCount} member${group.memberCount === 1 ? '' : 's'} lose the roles it gives; they stay in the organization.`
          : 'It has no members.'}
      </ConfirmDialog>
      <FormMessage result={result && !result.ok ? result : null} />
    </div>
  );
}
