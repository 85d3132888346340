import type { DbOrTx } from '@/lib/db/client';
import { type ApiKeyStatus, apiKeyStatus } from './scopes';

export const API_KEYS_SHOWN = 100;

/** The console's API keys, newest first, with their standing and last use. Never a secret. */
export async function listApiKeys(client: DbOrTx, now: Date) {
  const [keys, total] = await Promise.all([
    client.apiKey.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: API_KEYS_SHOWN,
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        createdByEmail: true,
        createdAt: true,
        expiresAt: true,
        revokedAt: true,
        revokedByEmail: true,
        lastUsedAt: true,
        lastUsedIp: true,
        organization: { select: { name: true, slug: true } },
      },
    }),
    client.apiKey.count(),
  ]);
  return { rows: keys.map((key) => ({ ...key, status: apiKeyStatus(key, now) as ApiKeyStatus })), total };
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>['rows'][number];
