import type { DbOrTx } from '@/lib/db/client';
import { domainMatches, parentNames } from '@/lib/domains/match';
import { emailDomain } from '@/lib/email/address';

/**
 * The SSO connection an email address signs in through, if any: an enabled connection of an
 * active organization that applies to a verified domain matching the address (the oldest such
 * connection when there are several). Routing by domain is the only way in, so the sign-in page
 * never reveals which organizations exist.
 */
export async function ssoConnectionForEmail(client: DbOrTx, email: string) {
  const domain = emailDomain(email);
  const candidates = await client.ssoConnectionDomain.findMany({
    where: {
      domain: { name: { in: parentNames(domain) }, status: 'verified' },
      connection: { enabled: true, organization: { status: 'active' } },
    },
    select: {
      domain: { select: { name: true, includeSubdomains: true } },
      connection: { select: { id: true, organizationId: true, createdAt: true } },
    },
  });
  return (
    candidates
      .filter((c) => domainMatches(domain, c.domain.name, c.domain.includeSubdomains))
      .map((c) => c.connection)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null
  );
}
