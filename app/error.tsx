'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">
        The console hit an unexpected error. Nothing you submitted was half-saved. Try again; if it keeps happening, check the server log
        {error.digest ? ` for reference ${error.digest}` : ''}.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
