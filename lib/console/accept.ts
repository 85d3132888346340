import { recordAudit } from '@/lib/audit/record';
import type { RequestMeta } from '@/lib/commands/define';
import type { Db, DbOrTx } from '@/lib/db/client';
import { hashesEqual, hashToken, looksLikeToken } from '@/lib/invitations/tokens';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { fail, ok, type Result } from '@/lib/result';
import { cancelConsoleInvitationEmails } from './delivery';
import type { ConsoleRole } from './roles';

export type ConsoleInvitationLookup =
  | { kind: 'unknown' }
  | {
      kind: 'found';
      invitation: {
        id: string;
        email: string;
        role: ConsoleRole;
        status: 'pending' | 'accepted' | 'revoked' | 'expired';
        expiresAt: Date;
        invitedByEmail: string | null;
      };
    };

/** Finds the console invitation a link's token belongs to. Reveals nothing about unknown tokens. */
export async function lookupConsoleInvitationToken(client: DbOrTx, token: string, now: Date): Promise<ConsoleInvitationLookup> {
  if (!looksLikeToken(token)) return { kind: 'unknown' };
  const hash = hashToken(token);
  const invitation = await client.consoleInvitation.findUnique({ where: { tokenHash: hash } });
  if (!invitation || !hashesEqual(hash, invitation.tokenHash)) return { kind: 'unknown' };
  return {
    kind: 'found',
    invitation: {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: effectiveInvitationStatus(invitation, now),
      expiresAt: invitation.expiresAt,
      invitedByEmail: invitation.invitedByEmail,
    },
  };
}

/** Why a console invitation link can't be used, in words that say what to do next. */
export const CONSOLE_ACCEPT_PROBLEMS = {
  unknown:
    'This invitation link isn’t valid. Check that you copied the whole link from the email; if the invitation was resent, use the newest email.',
  accepted: 'This invitation has already been accepted. Sign in to open the console.',
  revoked: 'This invitation was revoked. Ask a console owner for a new one.',
  expired: 'This invitation has expired. Ask a console owner to resend it.',
  wrong_account: 'You’re signed in with a different address.',
} as const;
export type ConsoleAcceptProblem = keyof typeof CONSOLE_ACCEPT_PROBLEMS;

export function consoleAcceptProblem(lookup: ConsoleInvitationLookup, visitorEmail: string | null): ConsoleAcceptProblem | null {
  if (lookup.kind !== 'found') return 'unknown';
  if (lookup.invitation.status !== 'pending') return lookup.invitation.status;
  if (visitorEmail && visitorEmail !== lookup.invitation.email) return 'wrong_account';
  return null;
}

/**
 * Accepts a console invitation with compare-and-set, so of two simultaneous accepts exactly one
 * succeeds. It gives console access with the invitation's role, and nothing in any organization;
 * the console itself still needs the person's own email sign-in.
 */
export async function acceptConsoleInvitation(
  client: Db,
  token: string,
  visitorEmail: string | null,
  now: Date,
  request: RequestMeta = { ip: null, requestId: null },
): Promise<Result<{ userId: string; email: string; role: ConsoleRole }>> {
  return client.$transaction(async (tx) => {
    const lookup = await lookupConsoleInvitationToken(tx, token, now);
    const problem = consoleAcceptProblem(lookup, visitorEmail);
    if (problem || lookup.kind !== 'found') return fail(problem ?? 'unknown', CONSOLE_ACCEPT_PROBLEMS[problem ?? 'unknown']);
    const { invitation } = lookup;
    const claimed = await tx.consoleInvitation.updateMany({
      where: { id: invitation.id, status: 'pending', expiresAt: { gt: now }, tokenHash: hashToken(token) },
      data: { status: 'accepted', acceptedAt: now },
    });
    if (claimed.count !== 1) return fail('accepted', CONSOLE_ACCEPT_PROBLEMS.accepted);
    const user = await tx.user.upsert({
      where: { email: invitation.email },
      create: { email: invitation.email, emailVerified: now },
      update: {},
    });
    await tx.consoleInvitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
    const access = {
      role: invitation.role,
      source: 'invitation' as const,
      status: 'active' as const,
      suspendedAt: null,
      invitedByEmail: invitation.invitedByEmail,
    };
    await tx.consoleUser.upsert({ where: { userId: user.id }, create: { userId: user.id, ...access, createdAt: now }, update: access });
    await cancelConsoleInvitationEmails(tx, invitation.id, 'The invitation was accepted before this email was sent.', now);
    await recordAudit(
      tx,
      { principal: { kind: 'invitation_link', email: invitation.email }, now, request },
      {
        organizationId: null,
        action: 'console_invitation.accepted',
        target: { type: 'console_user', id: user.id, label: invitation.email },
        summary: { role: invitation.role, invitationId: invitation.id },
      },
    );
    return ok({ userId: user.id, email: invitation.email, role: invitation.role });
  });
}
