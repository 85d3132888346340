'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/actions-context';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { failureOf, formLevelFailure } from '@/lib/result';

export interface CatalogEntry {
  key: string;
  description: string;
  kind: 'console' | 'app';
}

/**
 * Creates a role, or edits one (`role` set). Permissions are checkboxes grouped as Orgdesk's own
 * and the app's; on a default role, Orgdesk's own are fixed and shown as such.
 */
export function RoleForm({
  action: formAction,
  catalog,
  organizations = [],
  role,
}: {
  action: FormAction;
  catalog: CatalogEntry[];
  organizations?: { id: string; name: string }[];
  role?: { key: string; name: string; description: string; operatingTeam: boolean; isDefault: boolean; permissions: string[] };
}) {
  const [result, action] = useActionState(formAction, null);
  const failure = failureOf(result);
  const values = failure?.values ?? {};
  const editing = Boolean(role);
  const held = new Set(role?.permissions ?? []);
  const groups = [
    { kind: 'console' as const, title: 'Orgdesk’s permissions', hint: 'What members with this role may do in the organization.' },
    { kind: 'app' as const, title: 'Your app’s permissions', hint: 'Keys your app reads through the API to decide what members may do.' },
  ];
  return (
    <form action={action} className="max-w-2xl space-y-5" noValidate>
      <FormMessage
        result={formLevelFailure(result)}
        success={editing ? 'Saved. Everyone holding this role has these permissions now.' : undefined}
      />
      {role ? <input type="hidden" name="roleKey" value={role.key} /> : null}
      <TextField
        label="Name"
        name="name"
        id="role-name"
        defaultValue={values.name ?? role?.name ?? ''}
        maxLength={120}
        errors={failure?.fieldErrors?.name}
      />
      {editing ? null : (
        <TextField
          label="Key"
          name="key"
          id="role-key"
          defaultValue={values.key ?? ''}
          maxLength={70}
          spellCheck={false}
          autoComplete="off"
          hint="What your app and directory mappings use, for example support or billing-admin. Lowercase; it never changes."
          errors={failure?.fieldErrors?.key}
        />
      )}
      <TextField
        label="Description"
        name="description"
        id="role-description"
        defaultValue={values.description ?? role?.description ?? ''}
        maxLength={520}
        hint="Who should hold it, in a sentence."
        errors={failure?.fieldErrors?.description}
      />
      {role?.isDefault ? (
        <p className="text-sm text-slate-700">
          {role.operatingTeam ? 'Part of the operating team.' : 'Not part of the operating team.'} A default role keeps its place.
        </p>
      ) : (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="operatingTeam" value="on" defaultChecked={role?.operatingTeam ?? false} className="mt-1" />
          <span>
            <span className="font-medium">Part of the operating team.</span> Its members run the organization, like owners and admins: their
            activity doesn’t count as end-user activity, and an organization with one of them is Ready for first end users.
          </span>
        </label>
      )}
      {editing ? null : (
        <div>
          <label htmlFor="role-scope" className="block text-sm font-medium text-slate-800">
            Where it can be used
          </label>
          <select
            id="role-scope"
            name="scope"
            defaultValue={values.scope ?? 'all'}
            aria-describedby={failure?.fieldErrors?.scope ? 'role-scope-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="all">Every organization</option>
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                Only {organization.name}
              </option>
            ))}
          </select>
          {failure?.fieldErrors?.scope ? (
            <p id="role-scope-error" className="mt-1 text-sm text-red-700">
              {failure.fieldErrors.scope.join(' ')}
            </p>
          ) : null}
        </div>
      )}
      {groups.map((group) => {
        const entries = catalog.filter((entry) => entry.kind === group.kind);
        return (
          <fieldset key={group.kind} className="space-y-2" aria-describedby={`${group.kind}-permissions-hint`}>
            <legend className="text-sm font-semibold">{group.title}</legend>
            <p id={`${group.kind}-permissions-hint`} className="text-sm text-slate-600">
              {group.hint}
              {group.kind === 'console' && role?.isDefault ? ' A default role’s are fixed.' : ''}
            </p>
            {entries.length ? (
              <ul className="space-y-1">
                {entries.map((entry) => {
                  const locked = group.kind === 'console' && Boolean(role?.isDefault);
                  return (
                    <li key={entry.key}>
                      <label className="flex items-start gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="permissions[]"
                          value={entry.key}
                          defaultChecked={held.has(entry.key)}
                          disabled={locked}
                          className="mt-1"
                        />
                        <span>
                          <code className="text-xs">{entry.key}</code> {entry.description}
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">None yet. Add your app’s permission keys on the Roles page.</p>
            )}
          </fieldset>
        );
      })}
      {failure?.fieldErrors?.permissions ? (
        <p role="alert" className="text-sm text-red-700">
          {failure.fieldErrors.permissions.join(' ')}
        </p>
      ) : null}
      <SubmitButton pendingLabel="Saving…">{editing ? 'Save role' : 'Create role'}</SubmitButton>
    </form>
  );
}
