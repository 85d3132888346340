import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { addDomain, addInvitation, addSsoConnection } from '@/lib/demo/records';
import { createTestOrganization, uniqueDomain, uniqueEmail } from '../factories';

/** Runs one statement in its own transaction and says whether the database refused it. */
async function refused(run: (tx: Awaited<ReturnType<typeof db>>) => Promise<unknown>) {
  const client = await db();
  try {
    await client.$transaction(async (tx) => run(tx as never));
    return false;
  } catch (error) {
    return /constraint|Unique constraint|violates|foreign key/i.test(String((error as Error).message));
  }
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

describe('invariants the database holds itself (a direct write is refused)', () => {
  it('one pending non-test invitation per address per organization', async () => {
    const org = await createTestOrganization();
    const email = uniqueEmail('once');
    await (await db()).$transaction((tx) => addInvitation(tx, org.id, email, { expiresAt: inAWeek() }));
    expect(await refused((tx) => addInvitation(tx, org.id, email, { expiresAt: inAWeek() }))).toBe(true);
    // A test invitation, or one that is no longer pending, is not a second live link.
    expect(await refused((tx) => addInvitation(tx, org.id, email, { expiresAt: inAWeek(), isTest: true }))).toBe(false);
    expect(await refused((tx) => addInvitation(tx, org.id, email, { expiresAt: inAWeek(), status: 'revoked' }))).toBe(false);
  });

  it('one organization holds a domain name verified', async () => {
    const name = uniqueDomain('owned');
    const a = await createTestOrganization();
    const b = await createTestOrganization();
    await (await db()).$transaction((tx) => addDomain(tx, a.id, name, { status: 'verified' }));
    expect(await refused((tx) => addDomain(tx, b.id, name, { status: 'verified' }))).toBe(true);
    expect(await refused((tx) => addDomain(tx, b.id, name, { status: 'pending' }))).toBe(false);
  });

  it('holds what SSO connections assume: their domains are their own organization’s, at most three certificates, sane settings', async () => {
    const org = await createTestOrganization();
    const other = await createTestOrganization();
    const client = await db();
    const connection = await client.$transaction((tx) => addSsoConnection(tx, org.id, { status: 'draft' }));
    const own = await client.$transaction((tx) => addDomain(tx, org.id, uniqueDomain('own'), { status: 'verified' }));
    const foreign = await client.$transaction((tx) => addDomain(tx, other.id, uniqueDomain('foreign'), { status: 'verified' }));
    const link = (domainId: string, organizationId: string) =>
      refused((tx) => tx.ssoConnectionDomain.create({ data: { connectionId: connection.id, domainId, organizationId } }));
    // Another organization's domain can't be attached, whichever organization the row claims.
    expect(await link(foreign.id, org.id)).toBe(true);
    expect(await link(foreign.id, other.id)).toBe(true);
    expect(await link(own.id, org.id)).toBe(false);

    const certificate = (n: number) =>
      refused((tx) =>
        tx.ssoCertificate.create({
          data: {
            connectionId: connection.id,
            pem: `certificate ${n}`,
            fingerprint: crypto.createHash('sha256').update(`certificate ${n} ${connection.id}`).digest('hex'),
            notBefore: new Date(),
            notAfter: inAWeek(),
          },
        }),
      );
    expect([await certificate(1), await certificate(2), await certificate(3)]).toEqual([false, false, false]);
    expect(await certificate(4)).toBe(true);
    expect(await client.ssoCertificate.count({ where: { connectionId: connection.id } })).toBe(3);

    const change = (data: Record<string, unknown>) =>
      refused((tx) => tx.ssoConnection.update({ where: { id: connection.id }, data: data as never }));
    expect(await change({ clockSkewSeconds: 601 })).toBe(true);
    expect(await change({ clockSkewSeconds: -1 })).toBe(true);
    expect(await change({ name: '   ' })).toBe(true);
    // A generic OIDC provider is OIDC; a SAML connection carries no OIDC client.
    expect(await change({ provider: 'generic_oidc' })).toBe(true);
    expect(await change({ clientId: 'abc' })).toBe(true);
    expect(await change({ clockSkewSeconds: 600, idpEntityId: 'https://idp.example/entity' })).toBe(false);
  });

  it('checks what the code assumes about invitations', async () => {
    const org = await createTestOrganization();
    const base = {
      id: crypto.randomUUID(),
      organizationId: org.id,
      email: uniqueEmail(),
      tokenHash: crypto.randomBytes(16).toString('hex'),
      expiresAt: inAWeek(),
    };
    const insert = (data: Record<string, unknown>) => refused((tx) => tx.invitation.create({ data: { ...base, ...data } as never }));
    expect(await insert({ lifetimeDays: 31 })).toBe(true);
    expect(await insert({ lifetimeDays: 0 })).toBe(true);
    expect(await insert({ status: 'accepted', acceptedAt: null })).toBe(true);
    expect(await insert({ status: 'revoked', revokedAt: null })).toBe(true);
    expect(await insert({ invitedById: crypto.randomUUID() })).toBe(true);
    expect(await insert({ lifetimeDays: 30 })).toBe(false);
  });

  it('checks what the code assumes about organizations', async () => {
    const org = await createTestOrganization();
    const update = (data: Record<string, unknown>) =>
      refused((tx) => tx.organization.update({ where: { id: org.id }, data: data as never }));
    expect(await update({ status: 'suspended' })).toBe(true);
    expect(await update({ suspendedAt: new Date() })).toBe(true);
    expect(await update({ autoJoinEnabled: true })).toBe(true);
    expect(await update({ autoJoinRole: 'owner' })).toBe(true);
    expect(await update({ name: '   ' })).toBe(true);
    expect(await update({ status: 'suspended', suspendedAt: new Date() })).toBe(false);
    expect(await update({ autoJoinEnabled: true, autoJoinApprovedAt: new Date(), autoJoinApprovedBy: 'x@y.test' })).toBe(false);
  });

  it('every timestamp is timestamptz', async () => {
    const rows = await (await db()).$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type = 'timestamp without time zone' AND table_name <> '_prisma_migrations'`;
    expect(rows).toEqual([]);
  });
});

describe('what the OpenID provider’s tables hold themselves', () => {
  it('an application has a redirect URI, a previous secret has its end, one signing key is active, a grant’s membership exists', async () => {
    const app = (id = crypto.randomUUID()) => ({
      id,
      name: 'App',
      clientId: `oda_${crypto.randomBytes(16).toString('hex')}`,
      secretHash: 'h',
      secretPrefix: 'ods_',
      createdByEmail: 'a@b.c',
    });
    expect(await refused((tx) => tx.application.create({ data: { ...app(), redirectUris: [] } }))).toBe(true);
    expect(
      await refused((tx) =>
        tx.application.create({ data: { ...app(), redirectUris: ['https://a.example/cb'], previousSecretHash: 'old' } }),
      ),
    ).toBe(true);
    expect(await refused((tx) => tx.application.create({ data: { ...app(), redirectUris: ['https://a.example/cb'] } }))).toBe(false);
    expect(
      await refused(async (tx) => {
        await tx.oidcSigningKey.create({ data: { kid: `k-${crypto.randomUUID()}`, alg: 'RS256', privateJwk: 'x' } });
        await tx.oidcSigningKey.create({ data: { kid: `k-${crypto.randomUUID()}`, alg: 'RS256', privateJwk: 'x' } });
      }),
    ).toBe(true);
    expect(
      await refused((tx) => tx.oidcGrantMembership.create({ data: { grantId: crypto.randomUUID(), membershipId: crypto.randomUUID() } })),
    ).toBe(true);
  });
});
