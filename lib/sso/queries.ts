import type { DbOrTx } from '@/lib/db/client';
import { fetchNumberedPage } from '@/lib/pagination';
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
  const { clientSecretSealed, domains, attributeMapping, jwksCache: _keys, discovery, ...rest } = connection;
  return {
    ...rest,
    discovery: discovery as {
      issuer?: string;
      authorization_endpoint?: string;
      token_endpoint?: string;
      userinfo_endpoint?: string;
      jwks_uri?: string;
    } | null,
    hasDiscovery: discovery !== null,
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

export const SSO_ATTEMPTS_PAGE_SIZE = 20;

/** A connection's recent sign-in attempts, newest first, one numbered page ("SSO traces"). */
export async function ssoAttemptsPage(client: DbOrTx, organizationId: string, connectionId: string, requestedPage: number) {
  const where = { organizationId, connectionId };
  return fetchNumberedPage(
    requestedPage,
    SSO_ATTEMPTS_PAGE_SIZE,
    (skip) =>
      client.ssoSignInAttempt.findMany({
        where,
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        skip,
        take: SSO_ATTEMPTS_PAGE_SIZE,
        select: { id: true, occurredAt: true, test: true, outcome: true, subject: true, email: true, detail: true },
      }),
    () => client.ssoSignInAttempt.count({ where }),
  );
}

/** What a test result page shows, from the attempt's stored detail. */
export interface AttemptDetail {
  check?: string;
  message?: string;
  expected?: string;
  received?: string;
  fix?: string;
  attributes?: Record<string, string[]>;
  nameIdFormat?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  groups?: string[];
  certificateFingerprint?: string;
  clockDifferenceMs?: number;
  role?: string;
  roleMapping?: string | null;
}

/** One attempt of one connection of the organization; another organization's is null. */
export async function ssoAttempt(client: DbOrTx, organizationId: string, connectionId: string, attemptId: string) {
  const attempt = await client.ssoSignInAttempt.findFirst({ where: { id: attemptId, connectionId, organizationId } });
  return attempt ? { ...attempt, detail: attempt.detail as AttemptDetail } : null;
}

/** Require SSO: whether it is on, the organization's active owners (who may be break-glass), and recent break-glass sign-ins. */
export async function ssoRequirement(client: DbOrTx, organizationId: string, now: Date) {
  const [organization, owners, breakGlassUses] = await Promise.all([
    client.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireSso: true } }),
    client.membership.findMany({
      where: { organizationId, role: 'owner', status: 'active' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, breakGlass: true, user: { select: { email: true } } },
    }),
    recentBreakGlassUses(client, organizationId, now),
  ]);
  return {
    requireSso: organization.requireSso,
    owners: owners.map((o) => ({ membershipId: o.id, email: o.user.email, breakGlass: o.breakGlass })),
    breakGlassUses,
  };
}

/** Break-glass sign-ins of the last 30 days, newest first (the Overview and the SSO section show them). */
export async function recentBreakGlassUses(client: DbOrTx, organizationId: string, now: Date) {
  const events = await client.auditEvent.findMany({
    where: { organizationId, action: 'sso.break_glass_used', occurredAt: { gte: new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000) } },
    orderBy: { occurredAt: 'desc' },
    take: 10,
    select: { id: true, occurredAt: true, targetLabel: true },
  });
  return events.map((e) => ({ id: e.id, at: e.occurredAt, email: e.targetLabel }));
}

/** The organization's domains an enabled SSO connection applies to: SSO depends on them. */
export async function domainsUsedBySso(client: DbOrTx, organizationId: string) {
  const rows = await client.ssoConnectionDomain.findMany({
    where: { organizationId, connection: { enabled: true } },
    select: { domainId: true },
  });
  return new Set(rows.map((r) => r.domainId));
}
