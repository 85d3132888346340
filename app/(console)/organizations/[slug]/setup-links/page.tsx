import { SetupLinksSection } from '@/components/setup-links/setup-links-section';
import { db } from '@/lib/db/client';
import { isSetupIntent } from '@/lib/setup-links/intents';
import { setupLinksOf } from '@/lib/setup-links/queries';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Setup links');

/** The organization's setup links: hand domains, SSO and directory setup to its IT admin, and watch how far they got. */
export default async function OrganizationSetupLinksPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ for?: string }>;
}) {
  const { slug } = await params;
  const wanted = (await searchParams).for;
  const { organization, now } = await loadWorkspace(slug, 'setup-links');
  const links = await setupLinksOf(await db(), organization.id, now);
  return (
    <SetupLinksSection
      organization={{ id: organization.id, name: organization.name }}
      links={links.rows}
      total={links.total}
      now={now}
      initialIntents={typeof wanted === 'string' && isSetupIntent(wanted) ? [wanted] : ['domains', 'sso']}
    />
  );
}
