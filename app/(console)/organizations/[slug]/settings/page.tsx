import {
  ChangeSlugForm,
  DeleteOrganizationForm,
  RenameOrganizationForm,
  SuspensionForm,
} from '@/components/organizations/organization-settings';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Settings');

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { organization } = await loadWorkspace(slug, 'settings');
  const org = { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status };
  return (
    <section aria-labelledby="settings-heading" className="space-y-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      <div className="grid gap-8 md:grid-cols-2">
        <RenameOrganizationForm organization={org} />
        <ChangeSlugForm organization={org} />
      </div>
      <div className="grid gap-8 border-t border-slate-200 pt-6 md:grid-cols-2">
        <div>
          <h3 className="mb-2 font-semibold">{org.status === 'suspended' ? 'Reactivate' : 'Suspend'}</h3>
          <SuspensionForm organization={org} />
        </div>
        <div>
          <h3 className="mb-2 font-semibold text-red-800">Delete</h3>
          <DeleteOrganizationForm organization={org} />
        </div>
      </div>
    </section>
  );
}
