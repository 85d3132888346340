'use client';

import { MEMBER_ROLES, type MemberRoleName, ROLE_LABELS } from '@/lib/access/roles';

/** A labelled role picker, least privileged first, with the advice to pick the least that works. */
export function RoleSelect({
  id,
  label,
  value,
  onChange,
  describeChoice = false,
  roles = MEMBER_ROLES,
}: {
  id: string;
  label: string;
  value: MemberRoleName;
  onChange: (role: MemberRoleName) => void;
  describeChoice?: boolean;
  /** The roles on offer; the server refuses any other whatever the form sends. */
  roles?: readonly MemberRoleName[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        Choose the least privileged role that works.{describeChoice ? ` ${ROLE_LABELS[value].description}` : ''}
      </p>
      <select
        id={id}
        name="role"
        value={value}
        onChange={(event) => onChange(event.target.value as MemberRoleName)}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role].label}
          </option>
        ))}
      </select>
    </div>
  );
}
