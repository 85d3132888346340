/** API keys' tokens and standing; which permissions a key may hold is in lib/commands/permissions.ts. Pure. */
export { API_KEY_SCOPES, apiKeyPermissions } from '@/lib/commands/permissions';

/** Keys are `odk_` and 256 random bits; the first 12 characters are shown to tell keys apart. */
export const API_KEY_PREFIX = 'odk_';
export const API_KEY_VISIBLE = 12;

export function looksLikeApiKey(value: string): boolean {
  return /^odk_[A-Za-z0-9_-]{43}$/.test(value);
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export function apiKeyStatus(key: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): ApiKeyStatus {
  if (key.revokedAt && key.revokedAt <= now) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return 'active';
}
