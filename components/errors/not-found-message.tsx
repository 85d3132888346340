import Link from 'next/link';

/** The one "not found" page, inside the console's layout or the bare one. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl py-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing here, or you don’t have access to it. It may have been deleted or renamed.</p>
      <p className="mt-4">
        <Link href="/organizations">Go to organizations</Link>
      </p>
    </div>
  );
}
