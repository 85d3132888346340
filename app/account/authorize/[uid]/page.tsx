import { cookies } from 'next/headers';
import { requestMemberSignInLinkAction } from '@/app/login/actions';
import { AuthCard } from '@/components/auth/auth-card';
import { DevMailboxNote } from '@/components/auth/dev-mailbox-note';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { matchesRequestedOrganization, signInChoices } from '@/lib/oidc/accounts';
import { signInRequest } from '@/lib/oidc/interaction';
import { switchAccountAction } from './actions';

export const metadata = { title: 'Sign in to an application' };

const ERRORS: Record<string, string> = {
  choice: 'Choose one of your organizations below.',
  expired: 'This sign-in expired. Go back to the application and sign in again.',
};

/**
 * An application's sign-in through Orgdesk: the person signs in (email link or their
 * organization's SSO), then picks which of their organizations to use in the application.
 */
export default async function AuthorizePage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { uid } = await params;
  const { error } = await searchParams;
  const request = await signInRequest(uid, (await cookies()).toString());
  if (!request) {
    return (
      <AuthCard title="This sign-in has expired">
        <p>
          Sign-in pages last an hour and work once, in the browser that opened them. Go back to the application and choose{' '}
          <strong>Sign in</strong> again.
        </p>
      </AuthCard>
    );
  }
  const user = await currentUser();
  if (!user) {
    return (
      <AuthCard title={`Sign in to ${request.application}`}>
        <p>
          {request.application} signs you in with Orgdesk. Enter your work email: if your organization uses single sign-on, you’ll continue
          at its identity provider; otherwise we’ll email you a sign-in link that brings you back here.
        </p>
        <SignInForm
          requestLink={requestMemberSignInLinkAction}
          callbackUrl={`/account/authorize/${uid}`}
          defaultEmail={request.loginHint ?? ''}
          offerSso
        />
        {getConfig().mail.transport === 'dev-mailbox' ? <DevMailboxNote /> : null}
      </AuthCard>
    );
  }
  const choices = (await signInChoices(await db(), user.userId)).filter((choice) =>
    matchesRequestedOrganization(choice.organization, request.organization),
  );
  const switchAccount = switchAccountAction.bind(null, uid);
  return (
    <AuthCard title={`Continue to ${request.application}`}>
      <p>
        Signed in as <strong className="break-all">{user.email}</strong>.
      </p>
      {error && ERRORS[error] ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-900">
          {ERRORS[error]}
        </p>
      ) : null}
      <form method="post" action={`/account/authorize/${uid}/continue`} className="space-y-3">
        {choices.length ? (
          <fieldset className="space-y-2">
            <legend className="mb-2 font-medium text-slate-900">
              {request.organization ? 'The application asked for this organization:' : 'Choose the organization to use:'}
            </legend>
            {choices.map((choice) => (
              <button
                key={choice.id}
                type="submit"
                name="membershipId"
                value={choice.id}
                className="flex w-full items-center justify-between rounded-md border border-slate-300 px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                <span className="font-medium text-slate-900">{choice.organization.name}</span>
                <span className="text-slate-600">{choice.roleRef.name}</span>
              </button>
            ))}
          </fieldset>
        ) : (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            {request.organization
              ? `You aren’t an active member of the organization ${request.application} asked for.`
              : 'You aren’t an active member of any organization yet.'}{' '}
            Ask the organization’s admin to invite you, or use another account.
          </p>
        )}
        <Button type="submit" name="cancel" value="1" variant="secondary" className="w-full">
          Cancel and return to {request.application}
        </Button>
      </form>
      <form action={switchAccount}>
        <button type="submit" className="text-sm text-blue-800 underline">
          Use another account
        </button>
      </form>
    </AuthCard>
  );
}
