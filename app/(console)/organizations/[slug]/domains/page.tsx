import { DomainsSection } from '@/components/domains/domains-section';
import { db } from '@/lib/db/client';
import { domainsUsedBySso } from '@/lib/sso/queries';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Domains');

export default async function OrganizationDomainsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { organization } = await loadWorkspace(slug, 'domains');
  const ssoDomainIds = await domainsUsedBySso(await db(), organization.id);
  return (
    <DomainsSection
      organization={organization}
      domains={organization.domains.map((d) => (ssoDomainIds.has(d.id) ? { ...d, dependents: [...d.dependents, 'sso'] } : d))}
    />
  );
}
