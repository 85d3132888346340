/** Verification outcomes and timing. Pure: DNS answers and `now` come in. */

export const PENDING_FAILS_AFTER_DAYS = 7;
export const REVERIFY_EVERY_MS = 24 * 60 * 60_000;
const DAY = 24 * 60 * 60_000;

export type TxtAnswer =
  | { kind: 'records'; values: string[] }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'temporary'; reason: string };

export type CheckOutcome =
  | { kind: 'match' }
  | { kind: 'absent'; words: string }
  | { kind: 'wrong_value'; words: string }
  | { kind: 'temporary'; words: string };

export function evaluateTxtAnswer(answer: TxtAnswer, expectedValue: string): CheckOutcome {
  switch (answer.kind) {
    case 'records':
      if (answer.values.includes(expectedValue)) return { kind: 'match' };
      return {
        kind: 'wrong_value',
        words: `Found ${answer.values.length === 1 ? 'a TXT record' : `${answer.values.length} TXT records`}, none with the expected value: ${answer.values
          .map((v) => `“${v.length > 80 ? `${v.slice(0, 80)}…` : v}”`)
          .join(', ')}.`,
      };
    case 'nxdomain':
      return { kind: 'absent', words: 'No record found: the name doesn’t exist in DNS yet.' };
    case 'nodata':
      return { kind: 'absent', words: 'The name exists but has no TXT record.' };
    case 'temporary':
      return { kind: 'temporary', words: `Temporary DNS error (${answer.reason}). It will be checked again automatically.` };
  }
}

/** Pending checks back off: 5 min, 10, 20 … capped at 6 hours. */
export function nextPendingCheck(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(6 * 60 * 60_000, 5 * 60_000 * 2 ** Math.max(0, attempts - 1)));
}

export function hasPendingExpired(pendingSince: Date, now: Date): boolean {
  return now.getTime() - pendingSince.getTime() >= PENDING_FAILS_AFTER_DAYS * DAY;
}
