'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { Permission } from '@/lib/commands/permissions';
import { fail, type Result } from '@/lib/result';

/** A server action as forms call it through useActionState. */
export type FormAction = (previous: Result<unknown> | null, form: FormData) => Promise<Result<unknown>>;

/** The server actions of one organization's page, passed in by the page (components never import from app/). */
export interface OrganizationActions {
  rename: FormAction;
  changeSlug: FormAction;
  suspend: FormAction;
  reactivate: FormAction;
  remove: FormAction;
  reviewInvitations: FormAction;
  sendInvitations: FormAction;
  sendTestInvitation: FormAction;
  resendInvitation: FormAction;
  revokeInvitation: FormAction;
  resendExpiredInvitations: FormAction;
  reinvite: FormAction;
  addDomain: FormAction;
  verifyDomain: FormAction;
  removeDomain: FormAction;
  includeSubdomains: FormAction;
  enableAutoJoin: FormAction;
  disableAutoJoin: FormAction;
  changeMemberRole: FormAction;
  suspendMember: FormAction;
  reactivateMember: FormAction;
  removeMember: FormAction;
  createGroup: FormAction;
  updateGroup: FormAction;
  deleteGroup: FormAction;
  addGroupMember: FormAction;
  removeGroupMember: FormAction;
  createSsoConnection: FormAction;
  configureSamlConnection: FormAction;
  configureOidcConnection: FormAction;
  importSamlMetadata: FormAction;
  setSsoConnectionEnabled: FormAction;
  deleteSsoConnection: FormAction;
  setSsoRequirement: FormAction;
  addRoleMapping: FormAction;
  removeRoleMapping: FormAction;
  createDirectory: FormAction;
  rotateDirectoryToken: FormAction;
  revokeDirectoryToken: FormAction;
  updateDirectory: FormAction;
  reviewDeprovisionedUser: FormAction;
  deleteDirectory: FormAction;
  previewRoleMappings: FormAction;
  saveRoleMappings: FormAction;
  setOrganizationCreation: FormAction;
  markLaunched: FormAction;
  checkLaunchNow: FormAction;
  createSetupLink: FormAction;
  revokeSetupLink: FormAction;
}

const OrganizationActionsContext = createContext<{ actions: Partial<OrganizationActions>; permissions: ReadonlySet<string> } | null>(null);

/** What a form gets for an action its page doesn't offer (a setup link's page offers a few). */
const notOffered: FormAction = async () => fail('forbidden', 'That can’t be done from this page.');

/**
 * The organization page's server actions, and the permissions of whoever views it: a control
 * whose command they can't run is not shown (a Viewer sees none). The server refuses it anyway.
 */
export function OrganizationActionsProvider({
  actions,
  permissions,
  children,
}: {
  /** The console's page passes them all; a setup link's page only those its link may run. */
  actions: Partial<OrganizationActions>;
  permissions: readonly Permission[];
  children: ReactNode;
}) {
  return (
    <OrganizationActionsContext.Provider value={{ actions, permissions: new Set(permissions) }}>
      {children}
    </OrganizationActionsContext.Provider>
  );
}

function useOrganizationContext() {
  const context = useContext(OrganizationActionsContext);
  if (!context) throw new Error('useOrganizationActions needs an OrganizationActionsProvider from the organization page.');
  return context;
}

export function useOrganizationActions(): OrganizationActions {
  const { actions } = useOrganizationContext();
  return new Proxy(actions, { get: (target, key) => target[key as keyof OrganizationActions] ?? notOffered }) as OrganizationActions;
}

/** Whether the viewer holds a permission, for showing the controls that need it. */
export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useOrganizationContext();
  return (permission) => permissions.has(permission);
}

/** Renders its children only for a viewer who holds the permission (else the fallback, if any). */
export function Permitted({ to, children, fallback = null }: { to: Permission; children: ReactNode; fallback?: ReactNode }) {
  return useCan()(to) ? children : fallback;
}
