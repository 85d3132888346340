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
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/organizations" className="text-lg font-bold tracking-tight text-slate-900 no-underline">
            Orgdesk
          </Link>
          {/* Wide screens: the links in a row. Phones: the same links behind a Menu button. */}
          <div className="hidden flex-1 items-center justify-between gap-4 md:flex">
            <ConsoleLinks devMailbox={devMailbox} />
            <Account email={builder.email} />
          </div>
          <details className="group md:hidden">
            <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-800 [&::-webkit-details-marker]:hidden">
              Menu
            </summary>
            <div className="absolute inset-x-0 z-10 mt-3 space-y-3 border-b border-slate-200 bg-white px-4 py-3 shadow-sm">
              <ConsoleLinks devMailbox={devMailbox} />
              <Account email={builder.email} />
            </div>
          </details>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}

function ConsoleLinks({ devMailbox }: { devMailbox: boolean }) {
  const links = [
    { href: '/organizations', label: 'Organizations' },
    { href: '/audit', label: 'Audit log' },
    { href: '/jobs', label: 'Jobs' },
    ...(devMailbox ? [{ href: '/dev/mailbox', label: 'Dev mailbox' }] : []),
  ];
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-2 md:flex-row md:items-center md:gap-6">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="text-sm text-slate-700 no-underline hover:underline">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Account({ email }: { email: string }) {
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm text-slate-700">
      <span className="min-w-0 break-all">{email}</span>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
          Sign out
        </button>
      </form>
    </div>
  );
}
