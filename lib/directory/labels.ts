/** The issues that keep a directory user from being linked to a member. */
export const LINK_ISSUES = {
  no_email: 'The directory sent no valid email address for this person.',
  unverified_domain:
    'An account with this email exists, and its domain isn’t verified for this organization: verify the domain to link it.',
  shared_email: 'Another directory user of this organization already has this email.',
} as const;
export type LinkIssue = keyof typeof LINK_ISSUES;
