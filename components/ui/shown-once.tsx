'use client';

import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

/**
 * A secret shown once (a directory token, a setup link), with a copy button and the words that
 * say it won't be shown again.
 */
export function ShownOnce({
  heading,
  note,
  value,
  copyLabel,
  testId,
  children,
}: {
  heading: string;
  note: ReactNode;
  value: string;
  copyLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section aria-label={heading} className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h4 className="font-semibold text-amber-950">{heading}</h4>
      <p className="text-sm text-amber-950">{note}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded bg-white px-2 py-1 font-mono text-sm" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      {children}
    </section>
  );
}
