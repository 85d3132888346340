import { DomainsSection } from '@/components/domains/domains-section';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Domains');

export default async function OrganizationDomainsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { organization } = await loadWorkspace(slug, 'domains');
  return <DomainsSection organization={organization} domains={organization.domains} />;
}
