import type { ReactNode } from 'react';

const TONES = {
  good: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  warning: 'bg-amber-50 text-amber-950 ring-amber-300',
  bad: 'bg-red-50 text-red-900 ring-red-300',
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
} as const;
export type Tone = keyof typeof TONES;

/** A small status pill: words always, colour only as a second cue. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}
