import type { ReactNode } from 'react';
import { signOutAction } from '@/app/login/actions';
import { ConsoleHeader } from '@/components/layout/console-header';
import { currentBuilder } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { CONSOLE_ROLE_LABELS } from '@/lib/console/roles';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page checks the session itself (and redirects with a return address); the layout only
  // decides whether to show the signed-in chrome.
  const builder = await currentBuilder();
  if (!builder) return <>{children}</>;
  const devMailbox = getConfig().mail.transport === 'dev-mailbox';
  return (
    <div className="min-h-screen">
      <ConsoleHeader
        email={builder.email}
        role={CONSOLE_ROLE_LABELS[builder.role]}
        signOut={signOutAction}
        links={[
          { href: '/organizations', label: 'Organizations' },
          { href: '/roles', label: 'Roles' },
          { href: '/team', label: 'Team' },
          { href: '/api-keys', label: 'API keys' },
          { href: '/applications', label: 'Applications' },
          { href: '/webhooks', label: 'Webhooks' },
          { href: '/audit', label: 'Audit log' },
          { href: '/jobs', label: 'Jobs' },
          ...(devMailbox ? [{ href: '/dev/mailbox', label: 'Dev mailbox' }] : []),
        ]}
      />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
