import type { DbOrTx } from '@/lib/db/client';
import { emailDomain } from '@/lib/email/address';
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
