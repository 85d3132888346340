import { higherRole, type RoleKey } from '@/lib/access/roles';
import type { RequestMeta } from '@/lib/commands/define';
import type { Principal } from '@/lib/commands/principal';
import type { Db, DbOrTx } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { type Failure, fail, ok, type Result } from '@/lib/result';
import { cancelInvitationEmailsStatement } from './delivery';
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

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Accepts with compare-and-set on the invitation: of two simultaneous accepts exactly one
 * succeeds. The token was delivered to the invited address, which proves the member controls it.
 * One statement makes (or finds) the user, consumes the invitation recording who accepted, adds
 * the membership when there is none, and cancels the invitation's queued email; the audit events
 * are written with the state change's. A refused accept rolls everything back, so it writes
 * nothing at all.
 */
export async function acceptInvitation(
  client: Db,
  token: string,
  visitorEmail: string | null,
  now: Date,
  request: RequestMeta = { ip: null, requestId: null },
): Promise<Result<{ userId: string; email: string; role: RoleKey; organization: { id: string; slug: string; name: string } }>> {
  try {
    return await client.$transaction(async (tx) => {
      const lookup = await lookupInvitationToken(tx, token, now);
      const problem = problemFor(lookup, visitorEmail);
      if (problem || lookup.kind !== 'found') return fail(problem ?? 'unknown', ACCEPT_PROBLEMS[problem ?? 'unknown']);
      const { invitation } = lookup;
      const organizationId = invitation.organization.id;
      const claimed = await tx.$queryRaw<{ user_id: string; existing_id: string | null; existing_role: RoleKey | null; joined: boolean }[]>`
        WITH person AS (
          INSERT INTO users (id, email, email_verified, created_at, updated_at)
          VALUES (gen_random_uuid(), ${invitation.email}, ${now}, ${now}, ${now})
          ON CONFLICT (email) DO UPDATE SET email_verified = coalesce(users.email_verified, EXCLUDED.email_verified)
          RETURNING id
        ), claimed AS (
          UPDATE invitations SET status = 'accepted', accepted_at = ${now}, accepted_by_id = (SELECT id FROM person), updated_at = ${now}
          WHERE id = ${invitation.id}::uuid AND status = 'pending' AND NOT is_test AND expires_at > ${now} AND token_hash = ${hashToken(token)}
          RETURNING accepted_by_id
        ), existing AS (
          SELECT m.id, m.role FROM memberships m JOIN claimed c ON m.user_id = c.accepted_by_id
          WHERE m.organization_id = ${organizationId}::uuid
        ), joined AS (
          INSERT INTO memberships (id, organization_id, user_id, role, status, joined_via, created_at, updated_at)
          SELECT gen_random_uuid(), ${organizationId}::uuid, c.accepted_by_id, ${invitation.role}, 'active', 'invitation', ${now}, ${now}
          FROM claimed c WHERE NOT EXISTS (SELECT 1 FROM existing)
          ON CONFLICT (organization_id, user_id) DO NOTHING
          RETURNING id
        ), cancelled AS (${cancelInvitationEmailsStatement(invitation.id, 'The invitation was accepted before this email was sent.', now)})
        SELECT c.accepted_by_id AS user_id, (SELECT id FROM existing) AS existing_id, (SELECT role FROM existing) AS existing_role,
          EXISTS (SELECT 1 FROM joined) AS joined
        FROM claimed c`;
      // Lost the race: undo the user this statement may have made.
      if (claimed.length !== 1) throw new Refused(fail('accepted', ACCEPT_PROBLEMS.accepted));
      const { user_id: userId, joined } = claimed[0]!;
      let existing = claimed[0]!.existing_id ? { id: claimed[0]!.existing_id, role: claimed[0]!.existing_role! } : null;
      if (!existing && !joined) {
        // A membership was added beside this accept (after its snapshot): read it as it is now.
        existing = await tx.membership.findUniqueOrThrow({
          where: { organizationId_userId: { organizationId, userId } },
          select: { id: true, role: true },
        });
      }
      const outcome = roleAfterAccept(existing?.role ?? null, invitation.role);
      if (existing && outcome.change === 'raised') {
        await tx.membership.update({ where: { id: existing.id }, data: { role: outcome.role } });
      }
      // The audit log records who acted; what they may do is not its business, so the principal's
      // permissions are not resolved here.
      const principal: Principal = { kind: 'member', userId, email: invitation.email, organizationId, role: outcome.role, permissions: [] };
      const context = { principal, now, request };
      const member = { type: 'member', id: userId, label: invitation.email };
      await recomputeOrganizationState(tx, organizationId, now, context, [
        {
          organizationId,
          action: 'invitation.accepted',
          target: { type: 'invitation', id: invitation.id, label: invitation.email },
          summary: { role: { before: existing?.role ?? null, after: outcome.role }, invitedRole: invitation.role },
        },
        ...(!existing
          ? [{ organizationId, action: 'member.joined' as const, target: member, summary: { via: 'invitation', role: outcome.role } }]
          : outcome.change === 'raised'
            ? [
                {
                  organizationId,
                  action: 'member.role_changed' as const,
                  target: member,
                  summary: { role: { before: existing.role, after: outcome.role }, via: 'invitation' },
                },
              ]
            : []),
      ]);
      return ok({ userId, email: invitation.email, role: outcome.role, organization: invitation.organization });
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
