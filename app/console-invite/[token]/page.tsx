import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { buttonClasses } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/session';
import { CONSOLE_ACCEPT_PROBLEMS, consoleAcceptProblem, lookupConsoleInvitationToken } from '@/lib/console/accept';
import { CONSOLE_ROLE_DESCRIPTIONS, CONSOLE_ROLE_LABELS } from '@/lib/console/roles';
import { db } from '@/lib/db/client';
import { formatLongDateTime } from '@/lib/format';

export const metadata = { title: 'Console invitation', referrer: 'no-referrer' };

/** A console invitation's page. A GET shows it and changes nothing; accepting is a POST. */
export default async function ConsoleInvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { token } = await params;
  const { error } = await searchParams;
  const visitor = await currentUser();
  const lookup = await lookupConsoleInvitationToken(await db(), token, new Date());
  const problem = consoleAcceptProblem(lookup, visitor?.email ?? null);
  if (lookup.kind !== 'found') {
    return (
      <AuthCard title="Invitation not found">
        <p>{CONSOLE_ACCEPT_PROBLEMS.unknown}</p>
      </AuthCard>
    );
  }
  const { invitation } = lookup;
  const details = (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
      <dt className="font-medium">Console role</dt>
      <dd>
        {CONSOLE_ROLE_LABELS[invitation.role]}
        <span className="block text-sm text-slate-600">{CONSOLE_ROLE_DESCRIPTIONS[invitation.role]}</span>
      </dd>
      <dt className="font-medium">Invited by</dt>
      <dd>{invitation.invitedByEmail ?? 'A console owner'}</dd>
      <dt className="font-medium">Invited address</dt>
      <dd>{invitation.email}</dd>
      <dt className="font-medium">Expires</dt>
      <dd>{formatLongDateTime(invitation.expiresAt)}</dd>
    </dl>
  );
  if (problem) {
    return (
      <AuthCard title={problem === 'accepted' ? 'Invitation already accepted' : 'This invitation can’t be used'}>
        {details}
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {problem === 'wrong_account'
            ? `You’re signed in as ${visitor?.email}, but this invitation is for ${invitation.email}. Sign out, then open the link again.`
            : CONSOLE_ACCEPT_PROBLEMS[problem]}
        </p>
        {problem === 'accepted' ? (
          <p>
            <Link href="/login">Sign in to the console</Link>
          </p>
        ) : null}
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join the Orgdesk console">
      {details}
      {error === 'rate_limited' ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          Too many attempts from your network. Wait a few minutes and try again.
        </p>
      ) : null}
      <form method="post" action={`/console-invite/${token}/accept`}>
        <button type="submit" className={`${buttonClasses('primary')} w-full`}>
          Accept invitation
        </button>
      </form>
      <p>After accepting, sign in with a link sent to {invitation.email} to open the console. This gives no access to any organization.</p>
    </AuthCard>
  );
}
