import Link from 'next/link';
import type { ReactNode } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { SIGN_IN_LINK_MINUTES } from '@/lib/auth/sign-in-link';
import { isDevMailboxEnabled } from '@/lib/email/dev-mailbox-access';

/** "Check your email", for builders and members alike. */
export function CheckEmailCard({ intro, backHref }: { intro: ReactNode; backHref: string }) {
  return (
    <AuthCard title="Check your email">
      <p>
        {intro} It works once, within {SIGN_IN_LINK_MINUTES} minutes.
      </p>
      <p>Nothing arrived after a few minutes? Check your spam folder, then ask for a new link.</p>
      {isDevMailboxEnabled() ? (
        <p>
          Development: open the <Link href="/dev/mailbox">dev mailbox</Link>.
        </p>
      ) : null}
      <p>
        <Link href={backHref}>Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
