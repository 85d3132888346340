'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useState } from 'react';

/**
 * The console's header. On a phone the links and the account fold behind a Menu button (one set
 * of links, shown or hidden); from 768 px they sit in a row. The current page is marked.
 */
export function ConsoleHeader({
  links,
  email,
  role,
  signOut,
}: {
  links: { href: string; label: string }[];
  email: string;
  /** The console role, beside the address: Owner, Admin or Viewer. */
  role?: string;
  signOut: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const menuId = useId();
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setOpen(false), [pathname]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/organizations" className="text-lg font-bold tracking-tight text-slate-900 no-underline">
          Orgdesk
        </Link>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-800 md:hidden"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((value) => !value)}
        >
          Menu
        </button>
        <div
          id={menuId}
          className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-3 border-t border-slate-200 pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:justify-between md:border-0 md:pt-0`}
        >
          <nav aria-label="Main">
            <ul className="flex flex-col gap-2 md:flex-row md:items-center md:gap-6">
              {links.map((link) => {
                const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
                return (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      aria-current={current ? 'page' : undefined}
                      className={`text-sm no-underline hover:underline ${current ? 'font-semibold text-slate-900' : 'text-slate-700'}`}
                    >
                      {link.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm text-slate-700">
            <span className="min-w-0 [overflow-wrap:anywhere]">
              {email}
              {role ? <span className="ml-1 text-xs text-slate-600">({role})</span> : null}
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </div>
    </header>
  );
}
