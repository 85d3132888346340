'use client';

/** The one "something went wrong" page, inside the console's layout or the bare one. */
export function ErrorMessage({ digest, reset }: { digest?: string; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-8">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">
        The console hit an unexpected error. Nothing you submitted was half-saved. Try again; if it keeps happening, check the server log
        {digest ? ` for reference ${digest}` : ''}.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
