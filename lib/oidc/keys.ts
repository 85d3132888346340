import crypto from 'node:crypto';
import { recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { getConfig } from '@/lib/config';
import { seal, unseal } from '@/lib/crypto/sealed';
import type { Db, DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { ok, type Result } from '@/lib/result';

export const SIGNING_ALG = 'RS256';
/** ID tokens live an hour; a retired key stays published a day, well past the last token it signed. */
export const ID_TOKEN_TTL_SECONDS = 60 * 60;
export const RETIRED_KEY_PUBLISHED_MS = 24 * 60 * 60 * 1000;

export type PrivateJwk = crypto.JsonWebKey & { kid: string; alg: string; use: 'sig' };

function generateKey(): { kid: string; jwk: PrivateJwk } {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  // The kid is the key's RFC 7638 thumbprint: the same key always has the same id.
  const thumbprint = crypto
    .createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
  return { kid: thumbprint, jwk: { ...jwk, kid: thumbprint, alg: SIGNING_ALG, use: 'sig' } };
}

async function insertKey(client: DbOrTx, now: Date): Promise<string> {
  const { kid, jwk } = generateKey();
  // The unique index on the active key makes a second instance's first start a no-op.
  await client.$executeRaw(Prisma.sql`
    INSERT INTO oidc_signing_keys (kid, alg, private_jwk_sealed, created_at)
    VALUES (${kid}, ${SIGNING_ALG}, ${seal(JSON.stringify(jwk), getConfig().authSecret, 'oidcSigningKey')}, ${now})
    ON CONFLICT DO NOTHING`);
  return kid;
}

/**
 * The keys to publish, the active one first (it signs), then the retired ones still within their
 * publication. On first start there is none: one is generated and stored sealed. A key sealed under
 * another AUTH_SECRET can't be read and is left out (a warning says so).
 */
export async function publishedSigningKeys(client: Db, now: Date): Promise<PrivateJwk[]> {
  const read = () =>
    client.oidcSigningKey.findMany({
      where: { OR: [{ retiredAt: null }, { publishUntil: { gt: now } }] },
      orderBy: [{ createdAt: 'desc' }],
      select: { kid: true, privateJwk: true, retiredAt: true },
    });
  let rows = await read();
  if (!rows.some((row) => row.retiredAt === null)) {
    await insertKey(client, now);
    rows = await read();
  }
  const active = rows.filter((row) => row.retiredAt === null);
  const keys: PrivateJwk[] = [];
  for (const row of [...active, ...rows.filter((row) => row.retiredAt !== null)]) {
    const opened = unseal(row.privateJwk, getConfig().authSecret, 'oidcSigningKey');
    if (opened) keys.push(JSON.parse(opened) as PrivateJwk);
    else console.warn(`[oidc] signing key ${row.kid} was sealed under another AUTH_SECRET and is not published.`);
  }
  return keys;
}

/** Makes the first signing key when there is none (first start); a no-op after, on every instance. */
export async function ensureSigningKey(client: Db, now: Date): Promise<void> {
  const active = await client.oidcSigningKey.count({ where: { retiredAt: null } });
  if (!active) await insertKey(client, now);
}

/** The keys as the console lists them: id, age, and whether each signs or is only still published. */
export async function listSigningKeys(client: DbOrTx, now: Date) {
  const rows = await client.oidcSigningKey.findMany({
    where: { OR: [{ retiredAt: null }, { publishUntil: { gt: now } }] },
    orderBy: [{ createdAt: 'desc' }],
    select: { kid: true, alg: true, createdAt: true, retiredAt: true, publishUntil: true },
  });
  return rows;
}

/**
 * A new signing key signs from now on; the old one stays in the JWKS for a day, so tokens it
 * signed still verify until they expire. Every instance picks the new key set up on its next request.
 */
export async function rotateSigningKey(client: Db, context: CommandContext): Promise<Result<{ kid: string; retired: string[] }>> {
  return client.$transaction(async (tx) => {
    const publishUntil = new Date(context.now.getTime() + RETIRED_KEY_PUBLISHED_MS);
    const retired = await tx.oidcSigningKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.oidcSigningKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: context.now, publishUntil } });
    const kid = await insertKey(tx, context.now);
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'oidc.signing_key_rotated',
      target: { type: 'oidc_signing_key', id: kid, label: kid.slice(0, 12) },
      summary: { retired: retired.map((row) => row.kid), publishedUntil: publishUntil.toISOString() },
    });
    return ok({ kid, retired: retired.map((row) => row.kid) });
  });
}
