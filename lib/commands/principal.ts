import type { ConsoleRole } from '@/lib/console/roles';
import type { SetupIntent } from '@/lib/setup-links/intents';

/**
 * Whoever calls a command. Every command receives one; the audit log records it.
 * The next issues add API keys and SCIM directories that act for one organization.
 */
export type Principal =
  /** A signed-in console user (a builder), with their console role: Owner, Admin or Viewer. */
  | { kind: 'console_user'; userId: string; email: string; role: ConsoleRole }
  /**
   * A member of one organization, acting through the member area: their role, and the effective
   * permissions it (and their groups) give, resolved from the roles tables when the principal is made
   * (`memberPrincipal` in lib/access/permissions.ts).
   */
  | { kind: 'member'; userId: string; email: string; organizationId: string; role: string; permissions: readonly string[] }
  /** An API key: restricted to one organization, or (organizationId null) to every one; its scopes are permissions. */
  | { kind: 'api_key'; keyId: string; organizationId: string | null; permissions: readonly string[] }
  /** A SCIM directory of one organization. */
  | { kind: 'directory'; directoryId: string; organizationId: string }
  /**
   * Whoever holds a setup link: the customer's IT admin, acting on one organization through the
   * commands its intents allow (lib/setup-links/intents.ts), audited with the address it was sent to.
   */
  | { kind: 'setup_link'; linkId: string; organizationId: string; intents: readonly SetupIntent[]; sentTo: string | null }
  /** Whoever holds an invitation link (signed in as `email`, or not signed in): the token is the authority. */
  | { kind: 'invitation_link'; email: string | null }
  /** Orgdesk itself: the scheduler, email delivery, sign-in side effects. */
  | { kind: 'system'; reason: string };

export type PrincipalKind = Principal['kind'];

export function systemPrincipal(reason: string): Principal {
  return { kind: 'system', reason };
}

/** The organization a principal is bound to, or null when it may reach any (console, system). */
export function principalOrganization(principal: Principal): string | null {
  return 'organizationId' in principal ? principal.organizationId : null;
}

/** What the audit log stores about who acted. Never a secret. */
export function principalRecord(principal: Principal): { kind: PrincipalKind; id: string | null; email: string | null } {
  switch (principal.kind) {
    case 'console_user':
    case 'member':
      return { kind: principal.kind, id: principal.userId, email: principal.email };
    case 'api_key':
      return { kind: principal.kind, id: principal.keyId, email: null };
    case 'directory':
      return { kind: principal.kind, id: principal.directoryId, email: null };
    case 'setup_link':
      return { kind: principal.kind, id: principal.linkId, email: principal.sentTo };
    case 'invitation_link':
      return { kind: principal.kind, id: null, email: principal.email };
    case 'system':
      return { kind: principal.kind, id: principal.reason, email: null };
  }
}
