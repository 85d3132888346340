import type { OrganizationActions } from '@/components/actions-context';
import {
  changeOrganizationSlugAction,
  deleteOrganizationAction,
  reactivateOrganizationAction,
  renameOrganizationAction,
  suspendOrganizationAction,
} from './actions';
import {
  addDomainAction,
  disableAutoJoinAction,
  enableAutoJoinAction,
  includeSubdomainsAction,
  removeDomainAction,
  verifyDomainAction,
} from './domains/actions';
import {
  reinviteAction,
  resendExpiredInvitationsAction,
  resendInvitationAction,
  reviewInvitationsAction,
  revokeInvitationAction,
  sendInvitationsAction,
  sendTestInvitationAction,
} from './invitations/actions';
import { changeMemberRoleAction, reactivateMemberAction, removeMemberAction, suspendMemberAction } from './members/actions';
import { addGroupMemberAction, createGroupAction, deleteGroupAction, removeGroupMemberAction, updateGroupAction } from './roles/actions';
import {
  addRoleMappingAction,
  configureOidcConnectionAction,
  configureSamlConnectionAction,
  createSsoConnectionAction,
  deleteSsoConnectionAction,
  importSamlMetadataAction,
  removeRoleMappingAction,
  setSsoConnectionEnabledAction,
  setSsoRequirementAction,
} from './sso/actions';

/** The page's server actions, handed to its forms through context. */
export const ORGANIZATION_ACTIONS: OrganizationActions = {
  rename: renameOrganizationAction,
  changeSlug: changeOrganizationSlugAction,
  suspend: suspendOrganizationAction,
  reactivate: reactivateOrganizationAction,
  remove: deleteOrganizationAction,
  reviewInvitations: reviewInvitationsAction,
  sendInvitations: sendInvitationsAction,
  sendTestInvitation: sendTestInvitationAction,
  resendInvitation: resendInvitationAction,
  revokeInvitation: revokeInvitationAction,
  resendExpiredInvitations: resendExpiredInvitationsAction,
  reinvite: reinviteAction,
  addDomain: addDomainAction,
  verifyDomain: verifyDomainAction,
  removeDomain: removeDomainAction,
  includeSubdomains: includeSubdomainsAction,
  enableAutoJoin: enableAutoJoinAction,
  disableAutoJoin: disableAutoJoinAction,
  changeMemberRole: changeMemberRoleAction,
  suspendMember: suspendMemberAction,
  reactivateMember: reactivateMemberAction,
  removeMember: removeMemberAction,
  createGroup: createGroupAction,
  updateGroup: updateGroupAction,
  deleteGroup: deleteGroupAction,
  addGroupMember: addGroupMemberAction,
  removeGroupMember: removeGroupMemberAction,
  createSsoConnection: createSsoConnectionAction,
  configureSamlConnection: configureSamlConnectionAction,
  configureOidcConnection: configureOidcConnectionAction,
  importSamlMetadata: importSamlMetadataAction,
  setSsoConnectionEnabled: setSsoConnectionEnabledAction,
  deleteSsoConnection: deleteSsoConnectionAction,
  setSsoRequirement: setSsoRequirementAction,
  addRoleMapping: addRoleMappingAction,
  removeRoleMapping: removeRoleMappingAction,
};
