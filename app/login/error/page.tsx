import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';

export const metadata = { title: 'Sign-in problem' };

const MESSAGES: Record<string, string> = {
  Verification: 'This sign-in link has already been used or has expired. Links work once, for 15 minutes.',
  AccessDenied: 'This address can’t sign in to the console.',
  Suspended:
    'Your membership is suspended in every organization you belong to, so you can’t sign in. Ask an administrator of your organization to reactivate it.',
  Configuration: 'The sign-in link is incomplete.',
  SsoRequired:
    'Your organization requires single sign-on for your email address, so email links don’t sign you in. Sign in at /account/login: you’ll be sent to your organization’s identity provider.',
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (typeof error === 'string' && MESSAGES[error]) || 'Signing in didn’t work.';
  return (
    <AuthCard title="You’re not signed in">
      <p>{message}</p>
      {error === 'Suspended' ? null : error === 'SsoRequired' ? (
        <p>
          <Link href="/account/login">Sign in with single sign-on</Link>
        </p>
      ) : (
        <p>
          <Link href="/login">Ask for a new sign-in link</Link>
        </p>
      )}
    </AuthCard>
  );
}
