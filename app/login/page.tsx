import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentBuilder } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { requestSignInLinkAction } from './actions';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentBuilder()) redirect('/organizations');
  const { callbackUrl } = await searchParams;
  const config = getConfig();
  return (
    <AuthCard title="Sign in to Orgdesk">
      <p>Builders sign in with a link sent to their email. Enter the address listed for you in the console’s settings.</p>
      <SignInForm requestLink={requestSignInLinkAction} callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
      {config.mail.transport === 'dev-mailbox' ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          Development: no SMTP server is configured, so the link goes to the <Link href="/dev/mailbox">dev mailbox</Link>.
        </p>
      ) : null}
    </AuthCard>
  );
}
