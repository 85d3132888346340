import { notFound } from 'next/navigation';
import { LaunchCheckSection } from '@/components/organizations/launch-check';
import { db } from '@/lib/db/client';
import { loadLaunchStatus } from '@/lib/organizations/launch-status';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Launch check');

export default async function OrganizationLaunchPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { organization, now } = await loadWorkspace(slug, 'launch');
  const status = await loadLaunchStatus(await db(), organization.id, now);
  if (!status) notFound();
  return (
    <LaunchCheckSection
      organizationId={organization.id}
      slug={organization.slug}
      checks={status.checks}
      summary={status.summary}
      launched={status.launchedAt ? { at: status.launchedAt, by: status.launchedBy, overrideReason: status.overrideReason } : null}
    />
  );
}
