import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { personMessage } from '@/lib/sso/saml';

export const metadata = { title: 'Single sign-on didn’t complete' };

/** Where a refused SSO sign-in lands: what to do next, in plain words, and the code for the IT admin. */
export default async function SsoErrorPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  const safeCode = typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : 'sso_failed';
  return (
    <AuthCard title="Single sign-on didn’t complete">
      <p>
        {safeCode === 'rate_limited'
          ? 'Too many sign-in attempts from your network. Wait a few minutes and try again.'
          : personMessage(safeCode)}
      </p>
      <p className="text-xs text-slate-600">
        Reference for your IT admin: <code>{safeCode}</code>
      </p>
      <p>
        <Link href="/account/login">Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}
