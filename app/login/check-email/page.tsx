import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { SIGN_IN_LINK_MINUTES } from '@/lib/auth/sign-in-link';
import { getConfig } from '@/lib/config';

export const metadata = { title: 'Check your email' };

export default function CheckEmailPage() {
  const devMailbox = getConfig().mail.transport === 'dev-mailbox';
  return (
    <AuthCard title="Check your email">
      <p>
        If that address belongs to a builder, a sign-in link is on its way. It works once, within {SIGN_IN_LINK_MINUTES}{' '}
        minutes.
      </p>
      <p>Nothing arrived after a few minutes? Check your spam folder, then ask for a new link.</p>
      {devMailbox ? (
        <p>
          Development: open the <Link href="/dev/mailbox">dev mailbox</Link>.
        </p>
      ) : null}
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
