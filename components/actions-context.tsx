'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { Result } from '@/lib/result';

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
}

const OrganizationActionsContext = createContext<OrganizationActions | null>(null);

export function OrganizationActionsProvider({ actions, children }: { actions: OrganizationActions; children: ReactNode }) {
  return <OrganizationActionsContext.Provider value={actions}>{children}</OrganizationActionsContext.Provider>;
}

export function useOrganizationActions(): OrganizationActions {
  const actions = useContext(OrganizationActionsContext);
  if (!actions) throw new Error('useOrganizationActions needs an OrganizationActionsProvider from the organization page.');
  return actions;
}
