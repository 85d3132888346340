import type { Account, AccountClaims } from 'oidc-provider';
import { memberAccess } from '@/lib/access/permissions';
import { recordAudit } from '@/lib/audit/record';
import { systemPrincipal } from '@/lib/commands/principal';
import type { Db, DbOrTx } from '@/lib/db/client';
import { recordEndUserActivity } from '@/lib/organizations/report-activity';
import type { Result } from '@/lib/result';

/**
 * Who signs in to an application: a person (`sub` is their user id, the same in every
 * organization), as a member of the one organization they chose for that application. The choice
 * belongs to the grant (oidc_grant_memberships), so every token of it carries that organization.
 */
export interface OrganizationClaims extends AccountClaims {
  sub: string;
  email: string;
  email_verified: boolean;
  org_id: string;
  org_slug: string;
  org_name: string;
  role: string;
  permissions: string[];
}

type MembershipRef = { id: string; userId: string; organizationId: string; organization: { slug: string; name: string } };
const MEMBERSHIP_REF = { id: true, userId: true, organizationId: true, organization: { select: { slug: true, name: true } } } as const;

/** A membership's claims, or null when it can't sign in: suspended, or in a suspended organization. One statement. */
async function claimsOf(client: DbOrTx, membership: MembershipRef): Promise<OrganizationClaims | null> {
  const access = await memberAccess(client, membership.organizationId, { id: membership.userId });
  const mayUse = access?.status === 'active' && !access.organizationSuspended;
  if (!access || !mayUse) return null;
  return {
    sub: access.userId,
    email: access.email,
    email_verified: true,
    org_id: membership.organizationId,
    org_slug: membership.organization.slug,
    org_name: membership.organization.name,
    role: access.role,
    permissions: access.permissions,
  };
}

/** The claims of a membership by id, or null when it is gone or can't sign in. Two statements. */
export async function membershipClaims(client: DbOrTx, membershipId: string): Promise<OrganizationClaims | null> {
  if (!/^[0-9a-f-]{36}$/i.test(membershipId)) return null;
  const membership = await client.membership.findUnique({ where: { id: membershipId }, select: MEMBERSHIP_REF });
  return membership ? claimsOf(client, membership) : null;
}

/** The membership a grant signed in as, or null (the grant is unknown, or its membership was removed). */
export async function grantMembership(client: DbOrTx, grantId: string): Promise<MembershipRef | null> {
  const row = await client.oidcGrantMembership.findUnique({ where: { grantId }, select: { membership: { select: MEMBERSHIP_REF } } });
  return row?.membership ?? null;
}

/** Records which membership a grant signs in as. */
export async function bindGrant(client: DbOrTx, grantId: string, membershipId: string): Promise<void> {
  await client.oidcGrantMembership.upsert({ where: { grantId }, create: { grantId, membershipId }, update: { membershipId } });
}

/**
 * oidc-provider's `findAccount`. With a token (a code being exchanged, a refresh token, an access
 * token at userinfo), the claims of its grant's membership, read fresh every time: a suspended
 * member, a suspended organization or a removed membership gets no tokens, and refresh tokens stop
 * at once. Without one (the authorization endpoint checking a session), the person, if they exist.
 */
export async function findAccount(client: DbOrTx, sub: string, token?: { grantId?: string }): Promise<Account | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(sub)) return undefined;
  if (!token?.grantId) {
    const user = await client.user.findUnique({ where: { id: sub }, select: { id: true } });
    return user ? { accountId: sub, claims: () => ({ sub }) } : undefined;
  }
  const membership = await grantMembership(client, token.grantId);
  if (membership?.userId !== sub) return undefined;
  const claims = await claimsOf(client, membership);
  return claims ? { accountId: sub, claims: () => claims } : undefined;
}

/** The organizations a person may sign in to an application with: active memberships of active organizations. */
export async function signInChoices(client: DbOrTx, userId: string) {
  return client.membership.findMany({
    where: { userId, status: 'active', organization: { status: 'active' } },
    orderBy: [{ organization: { name: 'asc' } }, { id: 'asc' }],
    select: { id: true, role: true, organization: { select: { id: true, slug: true, name: true } }, roleRef: { select: { name: true } } },
  });
}

/** Whether a membership's organization is the one an application asked for, by id or by slug. Pure. */
export function matchesRequestedOrganization(organization: { id: string; slug: string }, requested: string | undefined): boolean {
  return !requested || requested === organization.id || requested === organization.slug;
}

/**
 * A completed sign-in to an application (its code exchanged for tokens): end-user activity for the
 * organization, which feeds the state rules (this is how an organization becomes Active), the
 * member's last sign-in, the application's last use, and an audit event, in one transaction.
 */
export async function recordApplicationSignIn(
  client: Db,
  signIn: { grantId: string; clientId: string },
  now: Date,
): Promise<Result<{ recordedAt: Date; state: string }> | null> {
  // The grant's membership with its member's email, and the application: two reads side by side.
  const [bound, application] = await Promise.all([
    client.oidcGrantMembership.findUnique({
      where: { grantId: signIn.grantId },
      select: { membership: { select: { id: true, organizationId: true, user: { select: { email: true } } } } },
    }),
    client.application.findUnique({ where: { clientId: signIn.clientId }, select: { id: true, name: true } }),
  ]);
  const membership = bound?.membership;
  if (!membership || !application) return null;
  const context = { principal: systemPrincipal(`sign-in to ${application.name}`), now, request: { ip: null, requestId: null } };
  return client.$transaction(async (tx) => {
    // First: the recomputed state reads the member's sign-in (the launch check's "login confirmed").
    await tx.membership.update({ where: { id: membership.id }, data: { lastSignInAt: now } });
    const recorded = await recordEndUserActivity(tx, context, {
      organizationId: membership.organizationId,
      kind: 'app_sign_in',
      email: membership.user.email,
      occurredAt: now,
    });
    if (!recorded.ok) return recorded;
    await tx.application.update({ where: { id: application.id }, data: { lastSignInAt: now } });
    await recordAudit(tx, context, {
      organizationId: membership.organizationId,
      action: 'application.signed_in',
      target: { type: 'application', id: application.id, label: application.name },
      summary: { email: membership.user.email },
    });
    return recorded;
  });
}
