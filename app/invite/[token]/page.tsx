import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { buttonClasses } from '@/components/ui/button';
import { describeRoles, roleName } from '@/lib/access/queries';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { formatLongDateTime } from '@/lib/format';
import { ACCEPT_PROBLEMS, currentRoleOfInvitee, lookupInvitationToken, problemFor, roleAfterAccept } from '@/lib/invitations/accept';

export const metadata = { title: 'Invitation', referrer: 'no-referrer' };

/** The invited member's page. A GET shows the invitation and changes nothing. */
export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { token } = await params;
  const { error } = await searchParams;
  const visitor = await currentUser();
  const lookup = await lookupInvitationToken(await db(), token, new Date());
  const problem = problemFor(lookup, visitor?.email ?? null);

  if (lookup.kind !== 'found') {
    return (
      <AuthCard title={lookup.kind === 'rotated' ? 'This link was replaced' : 'Invitation not found'}>
        <p>{ACCEPT_PROBLEMS[lookup.kind]}</p>
      </AuthCard>
    );
  }
  const { invitation } = lookup;
  const details = (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
      <dt className="font-medium">Organization</dt>
      <dd>{invitation.organization.name}</dd>
      <dt className="font-medium">Role</dt>
      <dd>{invitation.roleName}</dd>
      <dt className="font-medium">Invited by</dt>
      <dd>{invitation.invitedByEmail ?? 'An administrator'}</dd>
      <dt className="font-medium">Invited address</dt>
      <dd>{invitation.email}</dd>
      <dt className="font-medium">Expires</dt>
      <dd>{formatLongDateTime(invitation.expiresAt)}</dd>
    </dl>
  );

  if (problem === 'wrong_account') {
    return (
      <AuthCard title={`Join ${invitation.organization.name}`}>
        {details}
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          You’re signed in as <strong>{visitor?.email}</strong>, but this invitation is for <strong>{invitation.email}</strong>. To accept
          it, sign out and open the link again. To keep using {visitor?.email}, ask for an invitation to that address.
        </p>
        <form method="post" action={`/invite/${token}/switch-account`}>
          <button type="submit" className={`${buttonClasses('primary')} w-full`}>
            Sign out and continue as {invitation.email}
          </button>
        </form>
        <p>
          <Link href="/account">Go to your organizations</Link>
        </p>
      </AuthCard>
    );
  }
  if (problem) {
    return (
      <AuthCard
        title={
          problem === 'accepted' ? 'Invitation already accepted' : problem === 'test' ? 'Test invitation' : 'This invitation can’t be used'
        }
      >
        {details}
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {ACCEPT_PROBLEMS[problem]}
        </p>
        {problem === 'accepted' ? (
          <p>
            <Link href="/account/login">Sign in to see your organizations</Link>
          </p>
        ) : null}
      </AuthCard>
    );
  }
  const currentRole = await currentRoleOfInvitee(await db(), invitation.organization.id, invitation.email);
  const outcome = roleAfterAccept(currentRole, invitation.role);
  const roles = await describeRoles(await db(), [currentRole, outcome.role]);
  return (
    <AuthCard title={`Join ${invitation.organization.name}`}>
      {details}
      {currentRole ? (
        <p role="note" className="rounded-md bg-sky-50 px-3 py-2 text-sky-900">
          {invitation.email} is already a member of {invitation.organization.name} as <strong>{roleName(roles, currentRole)}</strong>.{' '}
          {outcome.change === 'raised'
            ? `Accepting raises the role to ${roleName(roles, outcome.role)}.`
            : `Accepting keeps the role ${roleName(roles, outcome.role)}: an invitation never lowers a role.`}
        </p>
      ) : null}
      {error === 'rate_limited' ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          Too many attempts from your network. Wait a few minutes and try again.
        </p>
      ) : null}
      <form method="post" action={`/invite/${token}/accept`}>
        <button type="submit" className={`${buttonClasses('primary')} w-full`}>
          Accept invitation
        </button>
      </form>
      <p>Accepting signs you in as {invitation.email}.</p>
    </AuthCard>
  );
}
