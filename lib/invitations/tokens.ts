import crypto from 'node:crypto';

/**
 * Invitation tokens: 256-bit HMAC of a 128-bit CSPRNG nonce under AUTH_SECRET. The database keeps
 * the nonce and the token's SHA-256 only, so it never holds a usable token, yet queued mail can
 * be rendered when it is sent. Rotating the nonce kills the old link.
 */
export function newTokenNonce(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function deriveInvitationToken(secret: string, invitationId: string, nonce: string): string {
  return crypto.createHmac('sha256', secret).update(`invitation:${invitationId}:${nonce}`).digest('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && crypto.timingSafeEqual(left, right);
}

/** Tokens in links are base64url, 43 characters; anything else is not worth a lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
