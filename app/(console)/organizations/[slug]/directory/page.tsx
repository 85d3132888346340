import { DirectorySection } from '@/components/directory/directory-section';
import { rolesForOrganization } from '@/lib/access/queries';
import { listRoleMappings } from '@/lib/access/role-mappings';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { directoryOverview } from '@/lib/directory/queries';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Directory sync');

export default async function OrganizationDirectoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ deleted?: string }>;
}) {
  const { slug } = await params;
  const { deleted } = await searchParams;
  const { organization, now } = await loadWorkspace(slug, 'directory');
  const client = await db();
  const [overview, mappings, roles, connections] = await Promise.all([
    directoryOverview(client, organization.id, now),
    listRoleMappings(client, organization.id),
    rolesForOrganization(client, organization.id),
    client.ssoConnection.findMany({
      where: { organizationId: organization.id },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, enabled: true },
    }),
  ]);
  const scimBaseUrl = overview ? `${getConfig().appUrl.replace(/\/$/, '')}/api/scim/v2/${overview.directory.id}` : null;
  return (
    <DirectorySection
      organization={organization}
      overview={overview}
      scimBaseUrl={scimBaseUrl}
      connections={connections}
      mappings={mappings.map((m) => ({ id: m.id, group: m.group, role: m.role, roleName: m.roleRef.name, allowOwner: m.allowOwner }))}
      roles={roles}
      deleted={typeof deleted === 'string' && deleted.length <= 120 ? deleted : null}
    />
  );
}
