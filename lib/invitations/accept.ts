import { memberPrincipal } from '@/lib/access/permissions';
import { higherRole, type RoleKey } from '@/lib/access/roles';
import { recordAudit } from '@/lib/audit/record';
import type { RequestMeta } from '@/lib/commands/define';
import type { Db, DbOrTx } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { fail, ok, type Result } from '@/lib/result';
import { cancelInvitationEmails } from './delivery';
import { hashesEqual, hashToken, looksLikeToken } from './tokens';

export type InvitationLookup =
  | { kind: 'unknown' }
  | { kind: 'rotated' }
  | {
      kind: 'found';
      invitation: {
        id: string;
        email: string;
        role: RoleKey;
        roleName: string;
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
    include: { organization: { select: { id: true, name: true, slug: true, status: true } }, roleRef: { select: { name: true } } },
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
      roleName: invitation.roleRef.name,
      status: effectiveInvitationStatus(invitation, now),
      isTest: invitation.isTest,
      expiresAt: invitation.expiresAt,
      invitedByEmail: invitation.invitedByEmail,
      acceptedAt: invitation.acceptedAt,
      organization: invitation.organization,
    },
  };
}

/**
 * What accepting does to the invitee's role. An existing member keeps the higher of their role
 * and the invitation's: an invitation never demotes anyone. Pure.
 */
export function roleAfterAccept(currentRole: RoleKey | null, invitedRole: RoleKey) {
  const role = currentRole ? higherRole(currentRole, invitedRole) : invitedRole;
  return { role, change: currentRole === null ? 'joins' : role === currentRole ? 'keeps' : 'raised' } as const;
}

/** The invitee's current role in the invitation's organization, for the accept page to explain. */
export async function currentRoleOfInvitee(client: DbOrTx, organizationId: string, email: string): Promise<RoleKey | null> {
  const membership = await client.membership.findFirst({ where: { organizationId, user: { email } }, select: { role: true } });
  return membership?.role ?? null;
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
  request: RequestMeta = { ip: null, requestId: null },
): Promise<Result<{ userId: string; email: string; role: RoleKey; organization: { id: string; slug: string; name: string } }>> {
  return client.$transaction(async (tx) => {
    const lookup = await lookupInvitationToken(tx, token, now);
    const problem = problemFor(lookup, visitorEmail);
    if (problem || lookup.kind !== 'found') return fail(problem ?? 'unknown', ACCEPT_PROBLEMS[problem ?? 'unknown']);
    const { invitation } = lookup;
    // Compare-and-set first, so a refused accept writes nothing at all.
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
    const organizationId = invitation.organization.id;
    const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId: user.id } } });
    const outcome = roleAfterAccept(existing?.role ?? null, invitation.role);
    if (!existing) {
      await tx.membership.create({
        data: { organizationId, userId: user.id, role: outcome.role, joinedVia: 'invitation', createdAt: now },
      });
    } else if (outcome.change === 'raised') {
      await tx.membership.update({ where: { id: existing.id }, data: { role: outcome.role } });
    }
    await cancelInvitationEmails(tx, invitation.id, 'The invitation was accepted before this email was sent.', now);
    const context = {
      principal: await memberPrincipal(tx, { userId: user.id, email: invitation.email, organizationId, role: outcome.role }),
      now,
      request,
    };
    await recordAudit(tx, context, {
      organizationId,
      action: 'invitation.accepted',
      target: { type: 'invitation', id: invitation.id, label: invitation.email },
      summary: { role: { before: existing?.role ?? null, after: outcome.role }, invitedRole: invitation.role },
    });
    if (!existing) {
      await recordAudit(tx, context, {
        organizationId,
        action: 'member.joined',
        target: { type: 'member', id: user.id, label: invitation.email },
        summary: { via: 'invitation', role: outcome.role },
      });
    } else if (outcome.change === 'raised') {
      await recordAudit(tx, context, {
        organizationId,
        action: 'member.role_changed',
        target: { type: 'member', id: user.id, label: invitation.email },
        summary: { role: { before: existing.role, after: outcome.role }, via: 'invitation' },
      });
    }
    await recomputeOrganizationState(tx, organizationId, now, context);
    return ok({ userId: user.id, email: invitation.email, role: outcome.role, organization: invitation.organization });
  });
}
