'use client';

import type { RoleSummary } from '@/lib/access/queries';
import type { RoleKey } from '@/lib/access/roles';

/** A labelled role picker, least privileged first, with the advice to pick the least that works. */
export function RoleSelect({
  id,
  label,
  value,
  onChange,
  roles,
  describeChoice = false,
}: {
  id: string;
  label: string;
  value: RoleKey;
  onChange: (role: RoleKey) => void;
  /** The roles on offer (the organization's); the server refuses any other whatever the form sends. */
  roles: readonly RoleSummary[];
  describeChoice?: boolean;
}) {
  const chosen = roles.find((role) => role.key === value);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        Choose the least privileged role that works.{describeChoice && chosen?.description ? ` ${chosen.description}` : ''}
      </p>
      <select
        id={id}
        name="role"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {roles.map((role) => (
          <option key={role.key} value={role.key}>
            {role.name}
          </option>
        ))}
      </select>
    </div>
  );
}
