import crypto from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the receiver checks
 * `webhook-signature` with the endpoint's `whsec_` secret using any of the specification's
 * libraries. The signed content is `{webhook-id}.{webhook-timestamp}.{body}`, HMAC-SHA256 keyed
 * with the secret's base64 bytes. Pure.
 */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 24 random bytes, base64, with the specification's prefix. */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${crypto.randomBytes(24).toString('base64')}`;
}

/** One `v1,<base64>` signature of a message under a secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The three headers of one delivery. While a rotated secret's overlap lasts, the message is signed
 * with both the new and the old secret (space-separated, as the specification allows), so a
 * receiver still holding the old one keeps accepting it.
 */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, id, timestamp, body)).join(' '),
  };
}
