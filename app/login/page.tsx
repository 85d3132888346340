import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { DevMailboxNote } from '@/components/auth/dev-mailbox-note';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentBuilder } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { CONSOLE_ROLE_LABELS, isConsoleRole } from '@/lib/console/roles';
import { parseEmailAddress } from '@/lib/email/address';
import { requestSignInLinkAction } from './actions';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; joined?: string; email?: string }>;
}) {
  if (await currentBuilder()) redirect('/organizations');
  const { callbackUrl, joined, email } = await searchParams;
  const config = getConfig();
  const address = typeof email === 'string' ? parseEmailAddress(email) : null;
  return (
    <AuthCard title="Sign in to Orgdesk">
      {isConsoleRole(joined) ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
          Invitation accepted: you’re a console {CONSOLE_ROLE_LABELS[joined]}. Send yourself a sign-in link to open the console.
        </p>
      ) : null}
      <p>Builders sign in with a link sent to their email. Enter the address listed for you in the console’s settings.</p>
      <SignInForm
        requestLink={requestSignInLinkAction}
        callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined}
        defaultEmail={address?.ok ? address.address : ''}
      />
      {config.mail.transport === 'dev-mailbox' ? <DevMailboxNote builderEmail={[...config.builders.emails][0]} /> : null}
    </AuthCard>
  );
}
