import Link from 'next/link';
import { retryPath } from '@/lib/auth/require';
import { getConfig } from '@/lib/config';

export const metadata = { title: 'Service unavailable' };

/** Shown instead of the sign-in page when Orgdesk can't reach its database. */
export default async function UnavailablePage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const { returnTo } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Service unavailable</h1>
      <p className="mt-2 text-slate-700">
        Orgdesk can’t reach its database right now, so this page can’t be shown. You are still signed in. Try again in a minute; if it keeps
        happening, check the database server and <code>/api/health</code>.
      </p>
      <p className="mt-4">
        <Link href={retryPath(typeof returnTo === 'string' ? returnTo : undefined, getConfig().appUrl)}>Try again</Link>
      </p>
    </main>
  );
}
