'use client';

import { useActionState, useState } from 'react';
import { RoleSelect } from '@/components/access/role-select';
import { Permitted, useOrganizationActions } from '@/components/actions-context';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { RoleSummary } from '@/lib/access/queries';
import { failureOf, formLevelFailure } from '@/lib/result';

export interface MappingRow {
  id: string;
  group: string;
  role: string;
  roleName: string;
  allowOwner: boolean;
}

function RemoveMapping({ organizationId, mapping }: { organizationId: string; mapping: MappingRow }) {
  const [result, action] = useActionState(useOrganizationActions().removeRoleMapping, null);
  return (
    <div>
      <ConfirmDialog
        trigger={
          <>
            Remove<span className="sr-only"> the mapping of {mapping.group}</span>…
          </>
        }
        triggerVariant="ghost"
        triggerClassName="px-2 py-1 text-xs text-red-800"
        title={`Remove the mapping of ${mapping.group}?`}
        confirmLabel="Remove mapping"
        action={action}
        fields={{ organizationId, mappingId: mapping.id }}
      >
        People in {mapping.group} no longer get {mapping.roleName} from it: directory members change role now, SSO members at their next
        sign-in. They get the role another mapping gives, or the least privileged one.
      </ConfirmDialog>
      <FormMessage result={failureOf(result)} />
    </div>
  );
}

/**
 * Group → role mappings: the role a person gets from the groups their identity provider or
 * directory sends (at each SSO sign-in; at once for directory members), shared by the SSO and
 * Directory sections. The most privileged matching role wins; Owner only with an explicit allowance.
 */
export function RoleMappings({
  organizationId,
  mappings,
  roles,
}: {
  organizationId: string;
  mappings: MappingRow[];
  roles: RoleSummary[];
}) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().addRoleMapping);
  const failure = failureOf(result);
  const errors = failure?.fieldErrors ?? {};
  const [group, setGroup] = useState('');
  const [role, setRole] = useState('member');
  const [allowOwner, setAllowOwner] = useState(false);
  return (
    <section aria-labelledby="mappings-heading" className="space-y-3">
      <h3 id="mappings-heading" className="font-semibold">
        Group → role mappings
      </h3>
      <p className="text-sm text-slate-700">
        A person gets the most privileged role among the mappings of their groups, or Member when none matches: at every SSO sign-in, and at
        once when the directory changes their groups or a mapping changes. A role change a mapping causes is audited.
      </p>
      {mappings.length ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Group mappings">
          {mappings.map((mapping) => (
            <li key={mapping.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm">
              <span className="min-w-0 break-all">
                <span className="font-mono text-xs">{mapping.group}</span> → <strong>{mapping.roleName}</strong>
                {mapping.allowOwner ? ' (Owner explicitly allowed)' : ''}
              </span>
              <Permitted to="sso.manage">
                <RemoveMapping organizationId={organizationId} mapping={mapping} />
              </Permitted>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">No mappings yet: everyone who joins through SSO or the directory joins as Member.</p>
      )}
      <Permitted to="sso.manage">
        <form
          onSubmit={onSubmit}
          className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
          noValidate
          aria-label="Map a group to a role"
        >
          <input type="hidden" name="organizationId" value={organizationId} />
          <TextField
            id="mapping-group"
            label="Group"
            name="group"
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            hint="Its name or id, exactly as the identity provider sends it in the groups attribute."
            errors={errors.group}
            autoComplete="off"
            spellCheck={false}
          />
          <div>
            <RoleSelect id="mapping-role" label="Role" value={role} onChange={setRole} roles={roles} />
            <FieldError id="mapping-role-error" errors={errors.role} />
          </div>
          {role === 'owner' ? (
            <div className="sm:col-span-2">
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="allowOwner"
                  className="mt-1"
                  checked={allowOwner}
                  onChange={(e) => setAllowOwner(e.target.checked)}
                  aria-describedby={errors.allowOwner ? 'mapping-owner-error' : undefined}
                  aria-invalid={errors.allowOwner ? true : undefined}
                />
                <span>
                  I allow this mapping to grant Owner: everyone in this group gets every permission, deleting the organization included.
                </span>
              </label>
              <FieldError id="mapping-owner-error" errors={errors.allowOwner} />
            </div>
          ) : null}
          <div className="space-y-2 sm:col-span-2">
            <FormMessage result={result?.ok ? result : formLevelFailure(failure)} success="Mapping added." />
            <SubmitButton pending={pending} pendingLabel="Adding…">
              Add mapping
            </SubmitButton>
          </div>
        </form>
      </Permitted>
    </section>
  );
}
