import { LEAST_PRIVILEGED_ROLE } from '@/lib/access/roles';
import type { InvitationStatusName } from '@/lib/organizations/state';

/** Invitation rules, defined once. Pure. */
export const INVITATION_LIFETIME_DAYS = { default: 7, min: 1, max: 30 } as const;
export const DEFAULT_INVITATION_ROLE = LEAST_PRIVILEGED_ROLE;
export const MAX_ADDRESSES_PER_BATCH = 200;
/** The most text a pasted list may hold: room for 200 long CSV lines, far below the request limit. */
export const ADDRESS_LIST_MAX_CHARS = 50_000;
export const ADDRESS_LIST_TOO_LONG = `That list is too long. Paste at most ${MAX_ADDRESSES_PER_BATCH} addresses at a time.`;
const DAY = 24 * 60 * 60 * 1000;

export function invitationExpiresAt(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY);
}

/** Resend only what could still be wanted: a pending or an expired invitation. */
export function canResend(status: InvitationStatusName): boolean {
  return status === 'pending' || status === 'expired';
}

export function canRevoke(status: InvitationStatusName): boolean {
  return status === 'pending';
}

/** "expires in 3 days", "expires in 5 hours", "expired 2 days ago". */
export function describeExpiry(expiresAt: Date, now: Date): string {
  const ms = expiresAt.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const unit = abs >= DAY ? ['day', DAY] : abs >= 3_600_000 ? ['hour', 3_600_000] : ['minute', 60_000];
  const n = Math.max(1, Math.round(abs / (unit[1] as number)));
  const words = `${n} ${unit[0]}${n === 1 ? '' : 's'}`;
  return ms > 0 ? `expires in ${words}` : `expired ${words} ago`;
}

/** Delivery retries: 1 min, 2, 4, … capped at 1 hour; after the last attempt the mail has failed. */
export const MAX_DELIVERY_ATTEMPTS = 10;
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

export type DeliveryErrorKind = 'permanent' | 'transient';

/** SMTP 5xx answers are permanent (the address is refused); anything else may pass on retry. */
export function classifyDeliveryError(error: { responseCode?: number; code?: string; message?: string }): {
  kind: DeliveryErrorKind;
  words: string;
} {
  const code = error.responseCode;
  if (code && code >= 500 && code < 600) {
    const detail = (error.message ?? '')
      .replace(/^.*?:\s*/, '')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    return { kind: 'permanent', words: `The recipient’s mail server refused the message (${code}${detail ? `: ${detail}` : ''}).` };
  }
  if (code && code >= 400 && code < 500) {
    return { kind: 'transient', words: `The mail server asked to try again later (${code}).` };
  }
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ESOCKET':
    case 'ECONNECTION':
      return { kind: 'transient', words: 'Could not connect to the SMTP server. Check SMTP_URL and that the server is running.' };
    case 'ETIMEDOUT':
      return { kind: 'transient', words: 'The SMTP server did not answer in time.' };
    case 'EAUTH':
      return { kind: 'transient', words: 'The SMTP server refused the login. Check the user and password in SMTP_URL.' };
    case 'EENVELOPE':
      return { kind: 'permanent', words: 'The mail server refused the recipient address.' };
    default:
      return { kind: 'transient', words: 'Sending failed for a reason the mail server did not explain.' };
  }
}
