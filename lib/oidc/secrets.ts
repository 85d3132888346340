import crypto from 'node:crypto';
import { hashesEqual, hashToken } from '@/lib/invitations/tokens';

export const CLIENT_ID_PREFIX = 'oda_';
export const CLIENT_SECRET_PREFIX = 'ods_';
const VISIBLE = 12;

/** How long a rotated client secret keeps working beside the new one, so the app can switch over. */
export const CLIENT_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function newClientId(): string {
  return `${CLIENT_ID_PREFIX}${crypto.randomBytes(16).toString('hex')}`;
}

/** A client secret (256 random bits), its hash for the table, and the prefix the console shows. */
export function newClientSecret(): { secret: string; hash: string; prefix: string } {
  const secret = `${CLIENT_SECRET_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, VISIBLE) };
}

/**
 * Whether a presented secret is the application's: its current one, or the previous one while its
 * overlap lasts. Compared as hashes, in constant time. Pure.
 */
export function clientSecretMatches(
  presented: string,
  stored: { secretHash: string; previousSecretHash: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): boolean {
  const hash = hashToken(presented);
  if (hashesEqual(hash, stored.secretHash)) return true;
  return Boolean(
    stored.previousSecretHash &&
      stored.previousSecretExpiresAt &&
      stored.previousSecretExpiresAt > now &&
      hashesEqual(hash, stored.previousSecretHash),
  );
}
