import type { BuilderList } from '@/lib/auth/builders';
import { isBuilderEmail } from '@/lib/auth/builders';

/**
 * The console's own roles, in order of rank. Pure; the database holds the same three as the
 * `ConsoleRole` enum. Which permissions each holds is `CONSOLE_ROLE_PERMISSIONS` in
 * lib/commands/permissions.ts.
 */
export const CONSOLE_ROLES = ['owner', 'admin', 'viewer'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export const CONSOLE_ROLE_LABELS: Record<ConsoleRole, string> = { owner: 'Owner', admin: 'Admin', viewer: 'Viewer' };

export const CONSOLE_ROLE_DESCRIPTIONS: Record<ConsoleRole, string> = {
  owner: 'Everything, including inviting console users and changing their roles.',
  admin: 'Everything in organizations and roles; can’t manage console users.',
  viewer: 'Reads everything and changes nothing.',
};

/** The role an invitation offers unless the owner picks another: the least privileged. */
export const DEFAULT_CONSOLE_ROLE: ConsoleRole = 'viewer';

export function isConsoleRole(value: unknown): value is ConsoleRole {
  return typeof value === 'string' && (CONSOLE_ROLES as readonly string[]).includes(value);
}

/** What the database says about someone's console access (their `console_users` row). */
export interface ConsoleUserRow {
  role: ConsoleRole;
  source: 'bootstrap' | 'invitation';
  status: 'active' | 'suspended';
}

/**
 * Someone's console role, or null when they have no console access. ADMIN_EMAILS makes its
 * addresses owners, whatever their row says (and a row written for ADMIN_EMAILS gives nothing once
 * the variable stops naming the address); an accepted console invitation gives its role while the
 * user is active. Pure.
 */
export function resolveConsoleRole(
  email: string | null | undefined,
  row: ConsoleUserRow | null,
  builders: BuilderList,
): ConsoleRole | null {
  if (isBuilderEmail(email, builders)) return 'owner';
  if (row?.source !== 'invitation' || row.status !== 'active') return null;
  return row.role;
}
