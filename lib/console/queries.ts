import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { type ConsoleRole, resolveConsoleRole } from './roles';

export interface TeamMember {
  userId: string;
  email: string;
  name: string | null;
  /** The person's console role (while suspended: the one they get back), or null when ADMIN_EMAILS no longer names a bootstrap row. */
  role: ConsoleRole | null;
  source: 'bootstrap' | 'invitation';
  status: 'active' | 'suspended';
  invitedByEmail: string | null;
  lastSignInAt: Date | null;
  createdAt: Date;
}

export interface Team {
  users: TeamMember[];
  /** ADMIN_EMAILS addresses that have never signed in: owners all the same. */
  bootstrapAddresses: string[];
  /** ADMIN_EMAILS @domain entries: anyone there signs in as an owner. */
  bootstrapDomains: string[];
  invitations: {
    id: string;
    email: string;
    role: ConsoleRole;
    status: 'pending' | 'accepted' | 'revoked' | 'expired';
    deliveryStatus: 'queued' | 'sent' | 'failed' | 'bounced';
    deliveryError: string | null;
    expiresAt: Date;
    invitedByEmail: string | null;
    createdAt: Date;
  }[];
}

/** How many invitations the Team page lists: the open ones, and the most recent of the rest. */
const INVITATIONS_SHOWN = 50;

/** The Team page: every console user, ADMIN_EMAILS, and the console invitations. Two queries. */
export async function loadTeam(client: DbOrTx, now: Date): Promise<Team> {
  const builders = getConfig().builders;
  const [rows, invitations] = await Promise.all([
    client.consoleUser.findMany({ include: { user: { select: { email: true, name: true } } }, orderBy: [{ createdAt: 'asc' }] }),
    client.consoleInvitation.findMany({
      where: { status: { in: ['pending', 'expired'] } },
      orderBy: [{ createdAt: 'desc' }],
      take: INVITATIONS_SHOWN,
    }),
  ]);
  const users = rows.map((row) => ({
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: resolveConsoleRole(row.user.email, { ...row, status: 'active' }, builders),
    source: row.source,
    status: row.status,
    invitedByEmail: row.invitedByEmail,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  }));
  const signedIn = new Set(users.map((user) => user.email));
  return {
    users,
    bootstrapAddresses: [...builders.emails].filter((email) => !signedIn.has(email)).sort(),
    bootstrapDomains: [...builders.domains].sort(),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: effectiveInvitationStatus(invitation, now),
      deliveryStatus: invitation.deliveryStatus,
      deliveryError: invitation.deliveryError,
      expiresAt: invitation.expiresAt,
      invitedByEmail: invitation.invitedByEmail,
      createdAt: invitation.createdAt,
    })),
  };
}
