import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { buttonClasses } from '@/components/ui/button';
import { normalizeEmail } from '@/lib/email/address';

export const metadata = { title: 'Confirm sign-in' };

/** The email link lands here. A GET changes nothing: the button POSTs the one-time token. */
export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; email?: string; callbackUrl?: string }>;
}) {
  const { token, email, callbackUrl } = await searchParams;
  const address = typeof email === 'string' ? normalizeEmail(email) : null;
  if (typeof token !== 'string' || !token || !address) {
    return (
      <AuthCard title="This link is incomplete">
        <p>The sign-in link is missing parts. Copy the whole link from the email, or ask for a new one.</p>
        <p>
          <Link href="/login">Ask for a new link</Link>
        </p>
      </AuthCard>
    );
  }
  const action = new URLSearchParams({ token, email: address });
  if (typeof callbackUrl === 'string') action.set('callbackUrl', callbackUrl);
  return (
    <AuthCard title="Confirm sign-in">
      <p>
        Sign in to Orgdesk as <strong>{address}</strong>?
      </p>
      <form method="post" action={`/api/auth/callback/nodemailer?${action}`}>
        <button type="submit" className={`${buttonClasses('primary')} w-full`}>
          Sign in
        </button>
      </form>
      <p>Didn’t ask for this? Close this page; nothing happens.</p>
    </AuthCard>
  );
}
