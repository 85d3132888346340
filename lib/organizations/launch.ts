/**
 * The launch check: what must hold before an organization is treated as live, each check derived
 * from recorded facts. Pure, next to the state rules: no Prisma, no clock (`now` is passed in),
 * and the words of every check live here, once.
 */
import type { ConnectionStatusName, DeliveryStatusName, DomainStatusName, OrganizationStateName } from './state';

/** A certificate that expires within this many days fails the SSO check: renew it before launch. */
export const LAUNCH_CERTIFICATE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const LAUNCH_CHECK_KEYS = [
  'member_accepted',
  'login_confirmed',
  'invitation_email',
  'domains_verified',
  'role_mapping',
  'sso_tested',
  'directory_tested',
  'no_attention',
] as const;
export type LaunchCheckKey = (typeof LAUNCH_CHECK_KEYS)[number];

export interface LaunchFacts {
  state: OrganizationStateName;
  /** Created from a directory group: the directory's health is its first check. */
  fromDirectoryGroup: boolean;
  /**
   * An operating-team member who accepted an invitation or joined through SSO or the directory:
   * one who signed in since joining if there is one, else the first to join.
   */
  intendedMember: { email: string; via: string; joinedAt: Date; lastSignInAt: Date | null } | null;
  /** The latest test invitation. */
  testInvitation: {
    email: string;
    sentAt: Date | null;
    sentBy: string | null;
    deliveryStatus: DeliveryStatusName;
    deliveryError: string | null;
    /** The template and sender it was sent with (lib/invitations/fingerprint.ts). */
    fingerprint: string | null;
  } | null;
  autoJoinEnabled: boolean;
  domains: readonly { name: string; status: DomainStatusName; dependents: readonly string[]; verifiedAt: Date | null }[];
  roleMappings: { count: number; ownerWithoutAllowance: readonly string[]; changedAt: Date | null; reviewedAt: Date | null };
  /** The enabled SSO connections. */
  ssoConnections: readonly {
    name: string;
    configuredAt: Date;
    lastTestAt: Date | null;
    /** When its last certificate expires; null without certificates (OpenID Connect). */
    certificateExpiresAt: Date | null;
  }[];
  directory: {
    name: string;
    status: ConnectionStatusName;
    configuredAt: Date;
    lastRequestAt: Date | null;
    lastError: string | null;
  } | null;
}

/** The launch facts of an organization with nothing yet. */
export function emptyLaunchFacts(state: OrganizationStateName): LaunchFacts {
  return {
    state,
    fromDirectoryGroup: false,
    intendedMember: null,
    testInvitation: null,
    autoJoinEnabled: false,
    domains: [],
    roleMappings: { count: 0, ownerWithoutAllowance: [], changedAt: null, reviewedAt: null },
    ssoConnections: [],
    directory: null,
  };
}

/** Where a failing check is fixed: a section of the organization's workspace ('' is the Overview). */
export type LaunchFixSection = '' | 'members' | 'invitations' | 'domains' | 'sso' | 'directory';

export interface LaunchCheck {
  key: LaunchCheckKey;
  title: string;
  status: 'passed' | 'failed' | 'not_applicable';
  /** Passed: the evidence (who, what, when). Failed: the reason. Not applicable: why. */
  detail: string;
  /** When the evidence or the failure happened. */
  at?: Date | null;
  /** Passed with a test invitation: its preview. */
  previewInvitation?: boolean;
  fix?: { section: LaunchFixSection; label: string };
  /** Failed, and the customer's IT admin could fix it through a setup link with this intent. */
  handOff?: 'domains' | 'sso' | 'directory';
}

/** The checks a setup link can hand to the customer's IT admin, and the intent that does it. */
const HAND_OFF: Partial<Record<LaunchCheckKey, NonNullable<LaunchCheck['handOff']>>> = {
  domains_verified: 'domains',
  sso_tested: 'sso',
  directory_tested: 'directory',
};

const TITLES: Record<LaunchCheckKey, string> = {
  member_accepted: 'An intended member has accepted access',
  login_confirmed: 'Login and access confirmed',
  invitation_email: 'Invitation emails render',
  domains_verified: 'Domains verified',
  role_mapping: 'Role mapping understood',
  sso_tested: 'SSO tested',
  directory_tested: 'Directory sync tested',
  no_attention: 'No Needs attention state',
};

const VIA: Record<string, string> = {
  invitation: 'accepted an invitation',
  sso: 'joined through SSO',
  directory: 'joined through the directory',
};

const passed = (key: LaunchCheckKey, detail: string, at?: Date | null, extra: Partial<LaunchCheck> = {}): LaunchCheck => ({
  key,
  title: TITLES[key],
  status: 'passed',
  detail,
  at,
  ...extra,
});
const failed = (key: LaunchCheckKey, detail: string, fix: LaunchCheck['fix']): LaunchCheck => ({
  key,
  title: TITLES[key],
  status: 'failed',
  detail,
  fix,
  ...(HAND_OFF[key] ? { handOff: HAND_OFF[key] } : {}),
});
const notApplicable = (key: LaunchCheckKey, detail: string): LaunchCheck => ({ key, title: TITLES[key], status: 'not_applicable', detail });

function memberAccepted(facts: LaunchFacts): LaunchCheck {
  const member = facts.intendedMember;
  if (!member) {
    return failed(
      'member_accepted',
      'No one from the operating team (an owner or admin) has accepted an invitation or joined through SSO or the directory yet.',
      { section: 'invitations', label: 'Invite the operating team' },
    );
  }
  return passed('member_accepted', `${member.email} ${VIA[member.via] ?? 'joined'}.`, member.joinedAt);
}

function loginConfirmed(facts: LaunchFacts): LaunchCheck {
  const member = facts.intendedMember;
  if (!member)
    return failed('login_confirmed', 'No intended member has joined yet, so no sign-in can confirm access.', {
      section: 'invitations',
      label: 'Invite the operating team',
    });
  if (!member.lastSignInAt || member.lastSignInAt < member.joinedAt) {
    return failed('login_confirmed', `${member.email} joined but hasn’t signed in since. Ask them to sign in once.`, {
      section: 'members',
      label: 'See the members',
    });
  }
  return passed('login_confirmed', `${member.email} signed in.`, member.lastSignInAt);
}

function invitationEmail(facts: LaunchFacts, fingerprint: string): LaunchCheck {
  const test = facts.testInvitation;
  const fix = { section: 'invitations' as const, label: 'Send a test invitation' };
  if (!test) return failed('invitation_email', 'No test invitation has been sent yet.', fix);
  if (test.fingerprint !== fingerprint) {
    return failed(
      'invitation_email',
      `The invitation template or its sender changed after the last test invitation (to ${test.email}).`,
      fix,
    );
  }
  if (test.deliveryStatus === 'bounced' || test.deliveryStatus === 'failed') {
    const why = test.deliveryError ? `: ${test.deliveryError}` : '.';
    return failed(
      'invitation_email',
      `The last test invitation, to ${test.email}, ${test.deliveryStatus === 'bounced' ? 'bounced' : 'could not be sent'}${why}`,
      fix,
    );
  }
  if (test.deliveryStatus !== 'sent') {
    return failed(
      'invitation_email',
      `The last test invitation, to ${test.email}, hasn’t been delivered yet. Check now to read its delivery again.`,
      fix,
    );
  }
  return passed(
    'invitation_email',
    `A test invitation was delivered to ${test.email}${test.sentBy ? `, sent by ${test.sentBy}` : ''}.`,
    test.sentAt,
    {
      previewInvitation: true,
    },
  );
}

/** The domain-based behaviors that are on, in words. */
function domainBehaviors(facts: LaunchFacts): string[] {
  return [
    ...(facts.autoJoinEnabled ? ['auto-join'] : []),
    ...(facts.ssoConnections.length ? ['SSO'] : []),
    ...(facts.directory ? ['directory sync'] : []),
  ];
}

function domainsVerified(facts: LaunchFacts): LaunchCheck {
  const behaviors = domainBehaviors(facts);
  if (!behaviors.length)
    return notApplicable('domains_verified', 'No domain-based behavior is on: auto-join, SSO and directory sync are all off.');
  const fix = { section: 'domains' as const, label: 'Verify the domains' };
  const relied = facts.domains.filter((domain) => domain.dependents.length > 0);
  const relevant = relied.length ? relied : facts.domains;
  const lapsed = relevant.filter((domain) => domain.status !== 'verified' && domain.verifiedAt);
  if (lapsed.length) {
    return failed(
      'domains_verified',
      `${lapsed.map((d) => d.name).join(', ')} lapsed: the DNS record is gone. Restore it and check again.`,
      fix,
    );
  }
  const unverified = relevant.filter((domain) => domain.status !== 'verified');
  if (unverified.length)
    return failed(
      'domains_verified',
      `${unverified.map((d) => d.name).join(', ')} ${unverified.length === 1 ? 'isn’t' : 'aren’t'} verified yet.`,
      fix,
    );
  const verified = relevant.filter((domain) => domain.status === 'verified');
  if (!verified.length)
    return failed(
      'domains_verified',
      `${behaviors.join(', ')} ${behaviors.length === 1 ? 'is' : 'are'} on, and no domain is verified.`,
      fix,
    );
  const latest = verified.reduce<Date | null>((at, d) => (d.verifiedAt && (!at || d.verifiedAt > at) ? d.verifiedAt : at), null);
  return passed('domains_verified', `${verified.map((d) => d.name).join(', ')} verified, for ${behaviors.join(', ')}.`, latest);
}

function roleMapping(facts: LaunchFacts, section: LaunchFixSection): LaunchCheck {
  const mappings = facts.roleMappings;
  if (mappings.count === 0) return notApplicable('role_mapping', 'No group → role mapping exists: people get roles by hand.');
  const fix = { section, label: 'Preview the mappings' };
  if (mappings.ownerWithoutAllowance.length) {
    return failed('role_mapping', `${mappings.ownerWithoutAllowance.join(', ')} would grant Owner without the explicit allowance.`, fix);
  }
  if (!mappings.reviewedAt || (mappings.changedAt && mappings.reviewedAt < mappings.changedAt)) {
    return failed(
      'role_mapping',
      'The mappings changed after their last dry run. Preview them as saved, and read who gets which role.',
      fix,
    );
  }
  return passed(
    'role_mapping',
    `A dry run of the ${mappings.count} saved ${mappings.count === 1 ? 'mapping' : 'mappings'} was reviewed.`,
    mappings.reviewedAt,
  );
}

function ssoTested(facts: LaunchFacts, now: Date): LaunchCheck {
  if (!facts.ssoConnections.length) return notApplicable('sso_tested', 'SSO is not enabled for this organization.');
  const fix = { section: 'sso' as const, label: 'Test the sign-in' };
  const limit = now.getTime() + LAUNCH_CERTIFICATE_DAYS * DAY_MS;
  const problems: string[] = [];
  for (const connection of facts.ssoConnections) {
    if (!connection.lastTestAt) problems.push(`${connection.name} has no successful test sign-in`);
    else if (connection.lastTestAt < connection.configuredAt)
      problems.push(`${connection.name} changed after its last successful test sign-in`);
    if (connection.certificateExpiresAt && connection.certificateExpiresAt.getTime() <= limit) {
      problems.push(`${connection.name}’s certificate expires within ${LAUNCH_CERTIFICATE_DAYS} days`);
    }
  }
  if (problems.length) return failed('sso_tested', `${problems.join('; ')}.`, fix);
  const latest = facts.ssoConnections.reduce<Date | null>(
    (at, c) => (c.lastTestAt && (!at || c.lastTestAt > at) ? c.lastTestAt : at),
    null,
  );
  return passed(
    'sso_tested',
    `${facts.ssoConnections.map((c) => c.name).join(', ')}: a successful test sign-in after the last change.`,
    latest,
  );
}

function directoryTested(facts: LaunchFacts): LaunchCheck {
  const directory = facts.directory;
  if (!directory) return notApplicable('directory_tested', 'Directory sync is not set up for this organization.');
  const fix = { section: 'directory' as const, label: 'Open the directory' };
  if (directory.status === 'error')
    return failed('directory_tested', `${directory.name} shows errors${directory.lastError ? `: ${directory.lastError}` : '.'}`, fix);
  if (!directory.lastRequestAt)
    return failed('directory_tested', `${directory.name} hasn’t received a request yet. Assign a test user in the identity provider.`, fix);
  if (directory.lastRequestAt < directory.configuredAt) {
    return failed('directory_tested', `${directory.name} changed after its last request. Push a test user again.`, fix);
  }
  return passed(
    'directory_tested',
    `${directory.name} received a request after its last change, with no recent errors.`,
    directory.lastRequestAt,
  );
}

function noAttention(facts: LaunchFacts): LaunchCheck {
  if (facts.state === 'needs_attention')
    return failed('no_attention', 'The organization needs attention: see why on the Overview.', {
      section: '',
      label: 'See what needs attention',
    });
  return passed('no_attention', 'The organization doesn’t need attention.');
}

/**
 * Every launch check, in the order shown: the directory first for an organization a directory
 * group created. `fingerprint` is the current invitation template and sender's.
 */
export function deriveLaunchChecks(facts: LaunchFacts, now: Date, fingerprint: string): LaunchCheck[] {
  const checks = [
    memberAccepted(facts),
    loginConfirmed(facts),
    invitationEmail(facts, fingerprint),
    domainsVerified(facts),
    roleMapping(facts, facts.directory ? 'directory' : 'sso'),
    ssoTested(facts, now),
    directoryTested(facts),
    noAttention(facts),
  ];
  if (!facts.fromDirectoryGroup) return checks;
  return [...checks.filter((c) => c.key === 'directory_tested'), ...checks.filter((c) => c.key !== 'directory_tested')];
}

export interface LaunchSummary {
  passed: number;
  applicable: number;
  failing: LaunchCheckKey[];
  /** Every applicable check passes: the organization may be marked as launched. */
  ready: boolean;
}

export function summarizeLaunch(checks: readonly LaunchCheck[]): LaunchSummary {
  const applicable = checks.filter((c) => c.status !== 'not_applicable');
  const failing = applicable.filter((c) => c.status === 'failed').map((c) => c.key);
  return { passed: applicable.length - failing.length, applicable: applicable.length, failing, ready: failing.length === 0 };
}

/** Launched organizations sort after every one still on its way. */
export const LAUNCHED_RANK = 1000;

/** The list's launch sort key: checks left to pass, or LAUNCHED_RANK once launched (the database checks it). */
export function launchRank(summary: Pick<LaunchSummary, 'passed' | 'applicable'>, launched: boolean): number {
  return launched ? LAUNCHED_RANK : summary.applicable - summary.passed;
}

/** Checks that fail now and didn't at the last recompute: after launch, each is an audited event. */
export function newlyFailing(before: readonly string[], after: readonly LaunchCheckKey[]): LaunchCheckKey[] {
  return after.filter((key) => !before.includes(key));
}

/** When time alone next changes a check (a certificate entering its last 30 days); null if never. */
export function nextLaunchChangeAt(facts: LaunchFacts, now: Date): Date | null {
  let next: Date | null = null;
  for (const connection of facts.ssoConnections) {
    if (!connection.certificateExpiresAt) continue;
    const at = new Date(connection.certificateExpiresAt.getTime() - LAUNCH_CERTIFICATE_DAYS * DAY_MS);
    if (at > now && (!next || at < next)) next = at;
  }
  return next;
}

/** The check's title, for an audit event or a notice. */
export function launchCheckTitle(key: string): string {
  return TITLES[key as LaunchCheckKey] ?? key;
}
