import crypto from 'node:crypto';
import type { Principal } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import { hashesEqual, hashToken } from '@/lib/invitations/tokens';

/**
 * Directory bearer tokens: `scim_` and 256 bits from the CSPRNG, shown once, stored as SHA-256.
 * A token reaches exactly one directory of one organization. A rotated-out token works until its
 * overlap ends; a revoked one stops at once.
 */
export const TOKEN_PREFIX = 'scim_';
const LAST_USED_PRECISION_MS = 60_000;

export function newDirectoryToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Whether a token may be used at `now`: not revoked, and not past a rotation's overlap. */
export function isTokenUsable(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);
}

/**
 * The directory principal for a bearer token sent to `directoryId`'s endpoint, or null: unknown,
 * revoked, expired, or another directory's token. Records the token's last use (to the minute).
 */
export async function authenticateDirectory(
  client: DbOrTx,
  directoryId: string,
  token: string | null,
  now: Date,
): Promise<{ principal: Principal & { kind: 'directory' }; provider: string } | null> {
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const hash = hashToken(token);
  const row = await client.directoryToken.findUnique({
    where: { tokenHash: hash },
    select: {
      id: true,
      tokenHash: true,
      directoryId: true,
      organizationId: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      directory: { select: { provider: true } },
    },
  });
  if (!row || !hashesEqual(row.tokenHash, hash) || row.directoryId !== directoryId || !isTokenUsable(row, now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await client.directoryToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    principal: { kind: 'directory', directoryId: row.directoryId, organizationId: row.organizationId },
    provider: row.directory.provider,
  };
}
