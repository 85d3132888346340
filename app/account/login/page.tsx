import { redirect } from 'next/navigation';
import { requestMemberSignInLinkAction } from '@/app/login/actions';
import { AuthCard } from '@/components/auth/auth-card';
import { DevMailboxNote } from '@/components/auth/dev-mailbox-note';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export const metadata = { title: 'Member sign-in' };

export default async function MemberLoginPage() {
  if (await currentUser()) redirect('/account');
  return (
    <AuthCard title="Sign in to your organizations">
      <p>
        Enter your email address. If your organization signs in with single sign-on, you’ll continue at its identity provider; otherwise
        we’ll email you a sign-in link. You’ll see the organizations you belong to.
      </p>
      <SignInForm requestLink={requestMemberSignInLinkAction} offerSso />
      {getConfig().mail.transport === 'dev-mailbox' ? <DevMailboxNote /> : null}
      <p className="text-xs text-slate-600">
        Building or running Orgdesk? Builders sign in at <a href="/login">/login</a>.
      </p>
    </AuthCard>
  );
}
