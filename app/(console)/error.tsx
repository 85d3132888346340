'use client';

import { ErrorMessage } from '@/components/errors/error-message';

/** Inside the console's layout: the header and navigation stay, for a signed-in builder. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage digest={error.digest} reset={reset} />;
}
