import type { Permission } from '@/lib/commands/permissions';

/**
 * What a setup link may set up, and so which commands its holder may run: each intent names the
 * permission it stands for and the commands of that permission it allows. Nothing destructive:
 * a link adds and verifies, creates and configures, and tests; removing, enabling SSO for everyone
 * and deleting stay with the builder. Pure: the command layer and the pages read it.
 */
export const SETUP_INTENTS = {
  domains: {
    label: 'Domain verification',
    description: 'Add the organization’s email domains and prove them with a DNS record.',
    permission: 'domains.manage',
    commands: ['domains.add', 'domains.verify'],
  },
  sso: {
    label: 'Single sign-on',
    description: 'Connect the identity provider, exchange the values both ways, and pass a test sign-in.',
    permission: 'sso.manage',
    commands: ['sso.create', 'sso.configure_saml', 'sso.configure_oidc', 'sso.import_metadata', 'sso.test'],
  },
  directory: {
    label: 'Directory sync',
    description: 'Create the SCIM directory and copy its token into the identity provider.',
    permission: 'directory.manage',
    commands: ['directory.create', 'directory.rotate_token'],
  },
} as const satisfies Record<string, { label: string; description: string; permission: Permission; commands: readonly string[] }>;

export type SetupIntent = keyof typeof SETUP_INTENTS;
export const SETUP_INTENT_KEYS = Object.keys(SETUP_INTENTS) as SetupIntent[];

/** A link lives 72 hours unless the builder chooses otherwise, and 30 days at most. */
export const DEFAULT_SETUP_LINK_HOURS = 72;
export const MAX_SETUP_LINK_HOURS = 30 * 24;
/** The lifetimes the console offers. */
export const SETUP_LINK_LIFETIMES = [
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '72 hours' },
  { hours: 168, label: '7 days' },
  { hours: 336, label: '14 days' },
  { hours: 720, label: '30 days' },
] as const;

export function isSetupIntent(value: string): value is SetupIntent {
  return value in SETUP_INTENTS;
}

/** The permissions a link's intents stand for. */
export function intentPermissions(intents: readonly SetupIntent[]): Permission[] {
  return intents.map((intent) => SETUP_INTENTS[intent].permission);
}

/** Whether a link with these intents may run the named command. */
export function intentsAllow(intents: readonly SetupIntent[], commandName: string): boolean {
  return intents.some((intent) => (SETUP_INTENTS[intent].commands as readonly string[]).includes(commandName));
}

export type SetupLinkStatus = 'active' | 'expired' | 'revoked';

/** A link's standing at `now`: a revocation wins over an expiry that came later. */
export function setupLinkStatus(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): SetupLinkStatus {
  if (link.revokedAt && link.revokedAt <= now) return 'revoked';
  if (link.expiresAt <= now) return 'expired';
  return 'active';
}

/** The milestones the builder watches, per intent, as the audit actions that mark them (latest first wins). */
export const SETUP_MILESTONES: Record<SetupIntent, readonly { action: string; label: string }[]> = {
  domains: [
    { action: 'domain.verified', label: 'Domain verified' },
    { action: 'domain.added', label: 'Domain added' },
  ],
  sso: [
    { action: 'setup_link.sso_tested', label: 'Test sign-in passed' },
    { action: 'sso.connection_configured', label: 'SSO configured' },
    { action: 'sso.metadata_imported', label: 'SSO metadata imported' },
    { action: 'sso.connection_created', label: 'SSO connection created' },
  ],
  directory: [{ action: 'directory.created', label: 'Directory created' }],
};

export interface SetupMilestoneEvent {
  action: string;
  occurredAt: Date;
  targetLabel: string | null;
}

export interface SetupProgress {
  intent: SetupIntent;
  /** The furthest milestone reached, with when and on what; null when nothing was done yet. */
  reached: { label: string; at: Date; target: string | null } | null;
  /** Whether the intent's last milestone (verified, tested, created) was reached. */
  complete: boolean;
}

/** Per intent, the furthest milestone a link's own audited actions reached. Pure. */
export function setupProgress(intents: readonly SetupIntent[], events: readonly SetupMilestoneEvent[]): SetupProgress[] {
  return intents.map((intent) => {
    const milestones = SETUP_MILESTONES[intent];
    for (const [index, milestone] of milestones.entries()) {
      const hits = events.filter((e) => e.action === milestone.action);
      if (!hits.length) continue;
      const latest = hits.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a));
      return { intent, reached: { label: milestone.label, at: latest.occurredAt, target: latest.targetLabel }, complete: index === 0 };
    }
    return { intent, reached: null, complete: false };
  });
}
