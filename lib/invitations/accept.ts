import type { Db, DbOrTx } from '@/lib/db/client';
import { cancelQueuedForInvitation } from '@/lib/email/outbox';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { fail, ok, type Result } from '@/lib/result';
import { hashToken, hashesEqual, looksLikeToken } from './tokens';

export type InvitationLookup =
  | { kind: 'unknown' }
  | { kind: 'rotated' }
  | {
      kind: 'found';
      invitation: {
        id: string;
        email: string;
        role: 'owner' | 'admin' | 'member';
        status: 'pending' | 'accepted' | 'revoked' | 'expired';
        isTest: boolean;
        expiresAt: Date;
        invitedByEmail: string | null;
        acceptedAt: Date | null;
        organization: { id: string; name: string; slug: string; status: 'active' | 'suspended' };
      };
    };

/** Finds the invitation a link's token belongs to. Reveals nothing about unknown tokens. */
export async function lookupInvitationToken(client: DbOrTx, token: string, now: Date): Promise<InvitationLookup> {
  if (!looksLikeToken(token)) return { kind: 'unknown' };
  const hash = hashToken(token);
  const invitation = await client.invitation.findUnique({
    where: { tokenHash: hash },
    include: { organization: { select: { id: true, name: true, slug: true, status: true } } },
  });
  if (!invitation || !hashesEqual(hash, invitation.tokenHash)) {
    const retired = await client.retiredInvitationToken.findUnique({ where: { tokenHash: hash }, select: { tokenHash: true } });
    return retired ? { kind: 'rotated' } : { kind: 'unknown' };
  }
  return {
    kind: 'found',
    invitation: {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: effectiveInvitationStatus(invitation, now),
      isTest: invitation.isTest,
      expiresAt: invitation.expiresAt,
      invitedByEmail: invitation.invitedByEmail,
      acceptedAt: invitation.acceptedAt,
      organization: invitation.organization,
    },
  };
}

/** Why a link can't be used, in words that say what to do next. */
export const ACCEPT_PROBLEMS = {
  unknown: 'This invitation link isn’t valid. Check that you copied the whole link from the email.',
  rotated: 'This link was replaced by a newer invitation email. Open the link in the most recent email, or ask for a new invitation.',
  accepted: 'This invitation has already been accepted. Sign in to see your organizations.',
  revoked: 'This invitation was revoked. Ask the person who invited you for a new invitation.',
  expired: 'This invitation has expired. Ask the person who invited you for a new invitation.',
  test: 'This is a test invitation. It shows what invitees receive and can’t be used to join.',
  suspended: 'This organization is suspended, so it can’t accept new members right now. Ask the person who invited you.',
  wrong_account: 'You’re signed in with a different address.',
} as const;
export type AcceptProblem = keyof typeof ACCEPT_PROBLEMS;

export function problemFor(lookup: InvitationLookup, visitorEmail: string | null): AcceptProblem | null {
  if (lookup.kind !== 'found') return lookup.kind;
  const { invitation } = lookup;
  if (invitation.isTest) return 'test';
  if (invitation.status !== 'pending') return invitation.status;
  if (invitation.organization.status === 'suspended') return 'suspended';
  if (visitorEmail && visitorEmail !== invitation.email) return 'wrong_account';
  return null;
}

/**
 * Accepts with compare-and-set on the invitation: of two simultaneous accepts exactly one
 * succeeds. The token was delivered to the invited address, which proves the member controls it.
 */
export async function acceptInvitation(
  client: Db,
  token: string,
  visitorEmail: string | null,
  now: Date,
): Promise<Result<{ userId: string; email: string; organization: { id: string; slug: string; name: string } }>> {
  return client.$transaction(async (tx) => {
    const lookup = await lookupInvitationToken(tx, token, now);
    const problem = problemFor(lookup, visitorEmail);
    if (problem || lookup.kind !== 'found') return fail(problem ?? 'unknown', ACCEPT_PROBLEMS[problem ?? 'unknown']);
    const { invitation } = lookup;
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, status: 'pending', isTest: false, expiresAt: { gt: now }, tokenHash: hashToken(token) },
      data: { status: 'accepted', acceptedAt: now },
    });
    if (claimed.count !== 1) return fail('accepted', ACCEPT_PROBLEMS.accepted);
    const user = await tx.user.upsert({
      where: { email: invitation.email },
      create: { email: invitation.email, emailVerified: now },
      update: {},
    });
    if (!user.emailVerified) await tx.user.update({ where: { id: user.id }, data: { emailVerified: now } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId: invitation.organization.id, userId: user.id } },
      create: { organizationId: invitation.organization.id, userId: user.id, role: invitation.role, createdAt: now },
      update: {},
    });
    await cancelQueuedForInvitation(tx, invitation.id);
    await recomputeOrganizationState(tx, invitation.organization.id, now);
    return ok({ userId: user.id, email: invitation.email, organization: invitation.organization });
  });
}
