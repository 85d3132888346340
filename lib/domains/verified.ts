import type { DbOrTx } from '@/lib/db/client';
import { emailDomain } from '@/lib/email/address';
import { Prisma } from '@/lib/generated/prisma/client';
import { domainMatches } from './match';

/**
 * Whether an address is at a domain the organization has verified (or a subdomain, where the
 * domain includes them): the only way SSO or the directory may link a person to an existing user.
 */
export async function isEmailDomainVerified(client: DbOrTx, organizationId: string, email: string): Promise<boolean> {
  const domain = emailDomain(email);
  const domains = await client.domain.findMany({
    where: { organizationId, status: 'verified' },
    select: { name: true, includeSubdomains: true },
  });
  return domains.some((d) => domainMatches(domain, d.name, d.includeSubdomains));
}

/**
 * The same rule as a SQL condition, for statements that decide in the database (the directory's
 * creates): true when `domain` (an expression: a bound value or a column) is one the organization
 * verified, or a subdomain of one that includes them (lib/domains/match.ts).
 */
export function domainVerifiedSql(organizationId: string, domain: Prisma.Sql) {
  return Prisma.sql`EXISTS (SELECT 1 FROM domains d WHERE d.organization_id = ${organizationId}::uuid AND d.status = 'verified'
    AND (${domain} = d.name OR (d.include_subdomains AND right(${domain}, length(d.name) + 1) = '.' || d.name)))`;
}
