import crypto from 'node:crypto';

/**
 * Secrets the database must hold (a sign-in link queued for sending, an SSO connection's client
 * secret) are sealed: AES-256-GCM under a key derived from AUTH_SECRET, one key per purpose, so the
 * tables never hold them in the clear, a secret sealed for one purpose can't be opened as another,
 * and a changed AUTH_SECRET makes old ones unreadable rather than wrong.
 */
export const SEAL_PURPOSES = {
  /** A sign-in link waiting in the job queue (the key name predates the other purposes). */
  queuedSecret: 'queued-secret-v1',
  /** An SSO connection's client secret. */
  ssoSecret: 'sso-secret-v1',
  /** A setup link waiting in the job queue to be emailed (cleared once sent). */
  setupLink: 'setup-link-v1',
  /** A webhook endpoint's signing secret (the builder's app verifies with it; Orgdesk signs with it). */
  webhookSecret: 'webhook-secret-v1',
  /** The private key that signs ID tokens (Orgdesk as an OpenID provider). */
  oidcSigningKey: 'oidc-signing-key-v1',
} as const;
export type SealPurpose = keyof typeof SEAL_PURPOSES;

function keyFor(secret: string, purpose: SealPurpose): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'orgdesk', SEAL_PURPOSES[purpose], 32));
}

export function seal(plaintext: string, secret: string, purpose: SealPurpose): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The sealed text, or null when it was sealed under another secret or purpose, or tampered with. */
export function unseal(sealed: string, secret: string, purpose: SealPurpose): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
