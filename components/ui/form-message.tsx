import type { Result } from '@/lib/result';

/** The form-level outcome of an action, announced to screen readers. */
export function FormMessage({ result, success }: { result: Result<unknown> | null; success?: string }) {
  if (!result) return <div role="status" aria-live="polite" className="sr-only" />;
  if (result.ok) {
    return success ? (
      <p role="status" aria-live="polite" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {success}
      </p>
    ) : (
      <div role="status" aria-live="polite" className="sr-only" />
    );
  }
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {result.message}
    </p>
  );
}
