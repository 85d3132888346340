import crypto from 'node:crypto';

/**
 * Secrets that must wait in the database for a moment (a sign-in link queued for sending) are
 * sealed: AES-256-GCM under a key derived from AUTH_SECRET, so the table never holds them in the
 * clear and a changed secret makes old ones unreadable rather than wrong.
 */
function keyFor(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'orgdesk', 'queued-secret-v1', 32));
}

export function seal(plaintext: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The sealed text, or null when it was sealed under another secret or tampered with. */
export function unseal(sealed: string, secret: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
