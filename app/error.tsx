'use client';

import { ErrorMessage } from '@/components/errors/error-message';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="px-6 py-8">
      <ErrorMessage digest={error.digest} reset={reset} />
    </main>
  );
}
