import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type DbOrTx, db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { clientMetadata } from './clients';

/**
 * oidc-provider's storage, in the project's database through Prisma, so it works on PGlite and on
 * PostgreSQL, and with several instances: every model is a row of `oidc_payloads` by type and id.
 * Clients are not stored here: they are the registered applications.
 */
export class PrismaOidcAdapter implements Adapter {
  constructor(private readonly type: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const data = {
      payload: payload as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    await (await db()).oidcPayload.upsert({
      where: { type_id: { type: this.type, id } },
      create: { type: this.type, id, ...data },
      update: data,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.type === 'Client') return clientMetadata(await db(), id);
    return this.findWhere({ type: this.type, id });
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere({ type: this.type, userCode });
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere({ type: this.type, uid });
  }

  async consume(id: string): Promise<void> {
    await (await db()).oidcPayload.updateMany({ where: { type: this.type, id }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string): Promise<void> {
    await (await db()).oidcPayload.deleteMany({ where: { type: this.type, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const client = await db();
    await client.oidcPayload.deleteMany({ where: { grantId } });
    await client.oidcGrantMembership.deleteMany({ where: { grantId } });
  }

  private async findWhere(where: Prisma.OidcPayloadWhereInput): Promise<AdapterPayload | undefined> {
    const row = await (await db()).oidcPayload.findFirst({ where, select: { payload: true, expiresAt: true, consumedAt: true } });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
    return { ...(row.payload as AdapterPayload), ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}) };
  }
}

/** Drops what oidc-provider stored once it has expired (the scheduler's pruning pass). */
export async function pruneOidcPayloads(client: DbOrTx, now: Date) {
  const [payloads, keys] = await Promise.all([
    client.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } }),
    client.oidcSigningKey.deleteMany({ where: { publishUntil: { lt: now } } }),
  ]);
  // A grant's organization goes with the grant.
  const grants = await client.$executeRaw`
    DELETE FROM oidc_grant_memberships g
    WHERE NOT EXISTS (SELECT 1 FROM oidc_payloads p WHERE p.type = 'Grant' AND p.id = g.grant_id)`;
  return { oidcPayloads: payloads.count, retiredSigningKeys: keys.count, grantMemberships: grants };
}
