import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOutAction } from '@/app/login/actions';
import { currentBuilder } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page checks the session itself (and redirects with a return address); the layout only
  // decides whether to show the signed-in chrome.
  const builder = await currentBuilder();
  if (!builder) return <>{children}</>;
  const devMailbox = getConfig().mail.transport === 'dev-mailbox';
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-3">
          <nav aria-label="Main" className="flex items-center gap-6">
            <Link href="/organizations" className="text-lg font-bold tracking-tight text-slate-900 no-underline">
              Orgdesk
            </Link>
            <Link href="/organizations" className="text-sm text-slate-700 no-underline hover:underline">
              Organizations
            </Link>
            <Link href="/audit" className="text-sm text-slate-700 no-underline hover:underline">
              Audit log
            </Link>
            <Link href="/jobs" className="text-sm text-slate-700 no-underline hover:underline">
              Jobs
            </Link>
            {devMailbox ? (
              <Link href="/dev/mailbox" className="text-sm text-slate-700 no-underline hover:underline">
                Dev mailbox
              </Link>
            ) : null}
          </nav>
          <div className="flex items-center gap-3 text-sm text-slate-700">
            <span>{builder.email}</span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
