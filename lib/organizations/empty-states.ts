import type { OrganizationFilterId } from './filters';

/** What each chip says when it has nothing, and the next step to take. */
export const FILTER_EMPTY_STATES: Record<OrganizationFilterId, { title: string; next: string; link?: { href: string; label: string } }> = {
  'needs-action': {
    title: 'Nothing needs action',
    next: 'No organization is in Setup or needs attention. Check Waiting for invitations still out.',
    link: { href: '/organizations?filter=waiting', label: 'See Waiting organizations' },
  },
  waiting: {
    title: 'No organization is waiting on an invitation',
    next: 'Organizations show here once their first invitation is sent. Invite the first member of an organization in Setup.',
    link: { href: '/organizations?filter=needs-action', label: 'See organizations that need action' },
  },
  ready: {
    title: 'No organization is ready for first end users',
    next: 'An organization is ready once a member of its operating team has accepted an invitation.',
    link: { href: '/organizations?filter=waiting', label: 'See Waiting organizations' },
  },
  live: {
    title: 'No organization has end-user activity yet',
    next: 'Bring in first end users in a Ready organization: SSO sign-ins, auto-join, directory sync or events your app reports.',
    link: { href: '/organizations?filter=ready', label: 'See Ready organizations' },
  },
  all: {
    title: 'No organizations yet',
    next: 'Create the first organization, then invite its operating team.',
    link: { href: '/organizations/new', label: 'Create Organization' },
  },
};
