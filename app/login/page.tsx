import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { DevMailboxNote } from '@/components/auth/dev-mailbox-note';
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
      {config.mail.transport === 'dev-mailbox' ? <DevMailboxNote builderEmail={[...config.builders.emails][0]} /> : null}
    </AuthCard>
  );
}
