import { DirectorySection } from '@/components/directory/directory-section';
import { rolesForOrganization } from '@/lib/access/queries';
import { roleMappingRows } from '@/lib/access/role-mappings';
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
  const [overview, mappings, roles, connections, sampleUsers] = await Promise.all([
    directoryOverview(client, organization.id, now),
    roleMappingRows(client, organization.id),
    rolesForOrganization(client, organization.id),
    client.ssoConnection.findMany({
      where: { organizationId: organization.id },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, enabled: true },
    }),
    client.directoryUser.findMany({
      where: { organizationId: organization.id, deletedAt: null },
      orderBy: [{ userName: 'asc' }, { id: 'asc' }],
      take: 200,
      select: { id: true, userName: true },
    }),
  ]);
  const scimBaseUrl = overview ? `${getConfig().appUrl.replace(/\/$/, '')}/api/scim/v2/${overview.directory.id}` : null;
  return (
    <DirectorySection
      organization={organization}
      overview={overview}
      scimBaseUrl={scimBaseUrl}
      connections={connections}
      mappings={mappings}
      roles={roles}
      sampleUsers={sampleUsers.map((u) => ({ id: u.id, label: u.userName }))}
      deleted={typeof deleted === 'string' && deleted.length <= 120 ? deleted : null}
    />
  );
}
