/** Every action the audit log records, with the words the console shows for it. */
export const AUDIT_ACTIONS = {
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'organization.slug_changed': 'Slug changed',
  'organization.suspended': 'Organization suspended',
  'organization.reactivated': 'Organization reactivated',
  'organization.deleted': 'Organization deleted',
  'organization.state_changed': 'State changed',
  'invitation.sent': 'Invitation sent',
  'invitation.test_sent': 'Test invitation sent',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'invitation.delivery_failed': 'Invitation delivery failed',
  'member.joined': 'Member joined',
  'member.role_changed': 'Member role changed',
  'member.suspended': 'Member suspended',
  'member.reactivated': 'Member reactivated',
  'member.removed': 'Member removed',
  'domain.added': 'Domain added',
  'domain.verified': 'Domain verified',
  'domain.unverified': 'Domain unverified',
  'domain.failed': 'Domain failed verification',
  'domain.removed': 'Domain removed',
  'domain.subdomains_changed': 'Subdomain matching changed',
  'auto_join.enabled': 'Auto-join turned on',
  'auto_join.disabled': 'Auto-join turned off',
  'job.retried': 'Background job retried',
  'role.created': 'Role created',
  'role.updated': 'Role changed',
  'role.deleted': 'Role deleted',
  'permission.created': 'Permission added',
  'permission.deleted': 'Permission removed',
  'group.created': 'Group created',
  'group.updated': 'Group changed',
  'group.deleted': 'Group deleted',
  'group.member_added': 'Added to group',
  'group.member_removed': 'Removed from group',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return value in AUDIT_ACTIONS;
}
