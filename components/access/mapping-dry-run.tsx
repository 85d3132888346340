'use client';

import { useActionState, useState } from 'react';
import { RoleSelect } from '@/components/access/role-select';
import { Permitted, useOrganizationActions } from '@/components/actions-context';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable } from '@/components/ui/data-table';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { MappingPreview } from '@/lib/access/mapped-roles';
import type { RoleSummary } from '@/lib/access/queries';
import { failureOf, formLevelFailure } from '@/lib/result';

interface DraftRow {
  /** A stable key for React while rows are added and removed. */
  id: number;
  group: string;
  role: string;
  allowOwner: boolean;
}

/**
 * Test role mapping: a draft of the group → role mappings, edited and previewed without applying
 * anything. The preview shows what a sample person would get (role, permissions, and the mapping
 * that gives it) and who among the synced members would gain or lose which role. Save applies the
 * draft in one transaction.
 */
export function MappingDryRun({
  organizationId,
  saved,
  roles,
  users,
}: {
  organizationId: string;
  saved: { group: string; role: string; allowOwner: boolean }[];
  roles: RoleSummary[];
  users: { id: string; label: string }[];
}) {
  const actions = useOrganizationActions();
  const preview = useKeptForm(actions.previewRoleMappings);
  const [saveResult, save] = useActionState(actions.saveRoleMappings, null);
  const [rows, setRows] = useState<DraftRow[]>(() =>
    saved.map((m, i) => ({ id: i, group: m.group, role: m.role, allowOwner: m.allowOwner })),
  );
  const [nextId, setNextId] = useState(saved.length);
  const [sampleUser, setSampleUser] = useState(users[0]?.id ?? '');
  const [sampleGroups, setSampleGroups] = useState('');
  const [sampleEmail, setSampleEmail] = useState('');
  const roleName = (key: string) => roles.find((r) => r.key === key)?.name ?? key;
  const draft = JSON.stringify(
    rows.map(({ group, role, allowOwner }) => ({ group: group.trim(), role, allowOwner: role === 'owner' && allowOwner })),
  );
  const update = (id: number, patch: Partial<DraftRow>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const result = preview.result?.ok ? (preview.result.data as MappingPreview) : null;
  const previewFailure = failureOf(preview.result);
  const savedCounts = saveResult?.ok ? (saveResult.data as { added: number; removed: number; changed: number; roleChanges: number }) : null;
  return (
    <section aria-labelledby="dry-run-heading" className="space-y-4">
      <h3 id="dry-run-heading" className="font-semibold">
        Test role mapping
      </h3>
      <p className="text-sm text-slate-700">
        Edit a draft of the mappings and preview it before people rely on it: nothing changes until you save. The preview shows what a
        person would get, and whose role would change among the people the directory has synced.
      </p>
      <form onSubmit={preview.onSubmit} noValidate aria-label="Draft mappings" className="space-y-4">
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="mappings" value={draft} />
        {rows.length ? (
          <ul className="space-y-2" aria-label="Draft">
            {rows.map((row, index) => (
              <li
                key={row.id}
                className="grid items-end gap-2 rounded border border-slate-200 p-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto_auto]"
              >
                <div>
                  <label htmlFor={`draft-group-${row.id}`} className="block text-sm font-medium text-slate-800">
                    Group {index + 1}
                  </label>
                  <input
                    id={`draft-group-${row.id}`}
                    value={row.group}
                    onChange={(event) => update(row.id, { group: event.target.value })}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    autoComplete="off"
                  />
                </div>
                <RoleSelect
                  id={`draft-role-${row.id}`}
                  label={`Role for group ${index + 1}`}
                  value={row.role}
                  onChange={(role) => update(row.id, { role })}
                  roles={roles}
                />
                {row.role === 'owner' ? (
                  <label className="flex items-center gap-2 pb-2 text-sm">
                    <input
                      type="checkbox"
                      checked={row.allowOwner}
                      onChange={(event) => update(row.id, { allowOwner: event.target.checked })}
                    />
                    Allow Owner
                  </label>
                ) : (
                  <span />
                )}
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1 text-xs text-red-800"
                  onClick={() => setRows((current) => current.filter((r) => r.id !== row.id))}
                >
                  Remove<span className="sr-only"> group {index + 1}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">The draft maps no group: everyone would get Member.</p>
        )}
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setRows((current) => [...current, { id: nextId, group: '', role: 'member', allowOwner: false }]);
            setNextId(nextId + 1);
          }}
        >
          Add a group to the draft
        </Button>
        <FieldError id="draft-mappings-error" errors={previewFailure?.fieldErrors?.mappings} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Try it on</legend>
          {users.length ? (
            <div>
              <label htmlFor="dry-run-user" className="block text-sm text-slate-700">
                A directory user
              </label>
              <select
                id="dry-run-user"
                name="sampleUser"
                value={sampleUser}
                onChange={(event) => setSampleUser(event.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              >
                <option value="">None: use the groups below</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="sampleUser" value="" />
          )}
          <TextField
            label="Or an email address"
            name="sampleEmail"
            type="email"
            value={sampleEmail}
            onChange={(event) => setSampleEmail(event.target.value)}
            hint="Optional: a member's current role is shown beside the one the draft gives."
            errors={previewFailure?.fieldErrors?.sampleEmail}
          />
          <TextAreaField
            label="In these groups"
            name="sampleGroups"
            rows={2}
            value={sampleGroups}
            onChange={(event) => setSampleGroups(event.target.value)}
            hint="One group per line, or separated by commas, as the identity provider sends them."
            errors={previewFailure?.fieldErrors?.sampleGroups}
          />
        </fieldset>
        <FormMessage result={formLevelFailure(previewFailure)} />
        <SubmitButton pending={preview.pending} pendingLabel="Previewing…" variant="secondary">
          Preview the draft
        </SubmitButton>
      </form>
      {result ? <PreviewResult result={result} roleName={roleName} /> : null}
      <Permitted to="sso.manage">
        <div className="space-y-2">
          <ConfirmDialog
            trigger="Save the draft…"
            title="Save these mappings?"
            confirmLabel="Save mappings"
            action={save}
            fields={{ organizationId, mappings: draft }}
          >
            The mappings become the draft, and the directory’s members whose role the preview shows changing get their new role now (SSO
            members at their next sign-in). Each change is audited.
          </ConfirmDialog>
          <FormMessage result={failureOf(saveResult)} />
          {savedCounts ? (
            <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
              Mappings saved: {savedCounts.added} added, {savedCounts.changed} changed, {savedCounts.removed} removed;{' '}
              {savedCounts.roleChanges} {savedCounts.roleChanges === 1 ? 'role' : 'roles'} changed.
            </p>
          ) : null}
        </div>
      </Permitted>
    </section>
  );
}

function PreviewResult({ result, roleName }: { result: MappingPreview; roleName: (key: string) => string }) {
  return (
    <section aria-label="Preview" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
      {result.sample ? (
        <div>
          <p>
            <strong className="break-all">{result.sample.label}</strong> would be <strong>{result.sample.roleName}</strong>
            {result.sample.mapping ? ` (from the mapping of ${result.sample.mapping})` : ' (no mapping matches: the least privileged role)'}
            .
            {result.sample.currentRole
              ? result.sample.currentRole === result.sample.role
                ? ' That is the role they hold now.'
                : ` They are ${roleName(result.sample.currentRole)} now.`
              : null}
          </p>
          <p className="text-slate-700">
            Groups: {result.sample.groups.length ? result.sample.groups.join(', ') : 'none'}. Permissions from {result.sample.roleName}:{' '}
            {result.sample.permissions.length ? result.sample.permissions.join(', ') : 'none'}.
          </p>
        </div>
      ) : null}
      {result.shifts.length ? (
        <>
          <p className="font-medium">
            If saved, {result.shifts.length} of {result.people} synced people change role:
          </p>
          <DataTable
            caption={`If saved, ${result.shifts.length} of ${result.people} synced people change role`}
            columns={[{ label: 'Person' }, { label: 'Now' }, { label: 'After saving' }, { label: 'Because of' }]}
          >
            {result.shifts.map((shift) => (
              <tr key={shift.key}>
                <td className="break-all px-4 py-2">{shift.label}</td>
                <td className="px-4 py-2">{roleName(shift.before)}</td>
                <td className="px-4 py-2">{roleName(shift.after)}</td>
                <td className="break-all px-4 py-2">{shift.mapping ?? 'no mapping matches'}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : (
        <p>If saved, no one’s role changes among the {result.people} synced people.</p>
      )}
    </section>
  );
}
