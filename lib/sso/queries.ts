import type { DbOrTx } from '@/lib/db/client';
import type { AttributeMapping } from './providers';

/** The SSO section's list: each connection with its domains and its certificates' expiry. */
export async function listSsoConnections(client: DbOrTx, organizationId: string) {
  const connections = await client.ssoConnection.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      protocol: true,
      provider: true,
      enabled: true,
      status: true,
      lastError: true,
      configuredAt: true,
      certificates: { select: { notAfter: true }, orderBy: { notAfter: 'asc' } },
      domains: { select: { domain: { select: { name: true } } } },
    },
  });
  return connections.map(({ domains, certificates, ...connection }) => ({
    ...connection,
    domains: domains.map((d) => d.domain.name).sort(),
    /** The first certificate to expire, which is the one to renew first. */
    firstCertificateExpiry: certificates[0]?.notAfter ?? null,
  }));
}

/**
 * One connection of the organization, for its setup page: everything but the sealed secret, of
 * which only its presence is told. Another organization's connection is null.
 */
export async function ssoConnectionDetail(client: DbOrTx, organizationId: string, connectionId: string) {
  const connection = await client.ssoConnection.findFirst({
    where: { id: connectionId, organizationId },
    include: {
      certificates: { orderBy: { notAfter: 'asc' } },
      domains: { select: { domainId: true } },
    },
  });
  if (!connection) return null;
  const { clientSecretSealed, domains, attributeMapping, ...rest } = connection;
  return {
    ...rest,
    hasClientSecret: clientSecretSealed !== null,
    domainIds: domains.map((d) => d.domainId),
    attributeMapping: attributeMapping as unknown as Partial<AttributeMapping>,
  };
}
export type SsoConnectionDetail = NonNullable<Awaited<ReturnType<typeof ssoConnectionDetail>>>;

/** What the public metadata route needs: whether a SAML connection with this id exists. */
export async function samlConnectionExists(client: DbOrTx, connectionId: string) {
  const connection = await client.ssoConnection.findUnique({ where: { id: connectionId }, select: { protocol: true } });
  return connection?.protocol === 'saml';
}
