import { SsoSection } from '@/components/sso/sso-section';
import { rolesForOrganization } from '@/lib/access/queries';
import { roleMappingRows } from '@/lib/access/role-mappings';
import { db } from '@/lib/db/client';
import { listSsoConnections, ssoRequirement } from '@/lib/sso/queries';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Single sign-on');

export default async function OrganizationSsoPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ deleted?: string }>;
}) {
  const { slug } = await params;
  const { deleted } = await searchParams;
  const { organization, now } = await loadWorkspace(slug, 'sso');
  const client = await db();
  const [connections, requirement, mappings, roles] = await Promise.all([
    listSsoConnections(client, organization.id),
    ssoRequirement(client, organization.id, now),
    roleMappingRows(client, organization.id),
    rolesForOrganization(client, organization.id),
  ]);
  return (
    <SsoSection
      organization={organization}
      connections={connections}
      verifiedDomainCount={organization.domains.filter((d) => d.status === 'verified').length}
      deleted={typeof deleted === 'string' && deleted.length <= 100 ? deleted : null}
      now={now}
      requirement={requirement}
      mappings={mappings}
      roles={roles}
    />
  );
}
