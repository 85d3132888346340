import { ReadOnlyNote } from '@/components/console/read-only-note';
import {
  ChangeSlugForm,
  DeleteOrganizationForm,
  RenameOrganizationForm,
  SuspensionForm,
} from '@/components/organizations/organization-settings';
import { hasPermission } from '@/lib/commands/permissions';
import { loadWorkspace, sectionMetadata } from '../load';

export const generateMetadata = sectionMetadata('Settings');

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { builder, organization } = await loadWorkspace(slug, 'settings');
  const org = { id: organization.id, name: organization.name, slug: organization.slug, status: organization.status };
  const can = {
    manage: hasPermission(builder, 'organizations.manage'),
    suspend: hasPermission(builder, 'organizations.suspend'),
    remove: hasPermission(builder, 'organizations.delete'),
  };
  return (
    <section aria-labelledby="settings-heading" className="space-y-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      {can.manage ? (
        <div className="grid gap-8 md:grid-cols-2">
          <RenameOrganizationForm organization={org} />
          <ChangeSlugForm organization={org} />
        </div>
      ) : (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium">Name</dt>
          <dd>{org.name}</dd>
          <dt className="font-medium">Slug</dt>
          <dd className="font-mono">{org.slug}</dd>
          <dt className="font-medium">Status</dt>
          <dd className="capitalize">{org.status}</dd>
        </dl>
      )}
      {can.suspend || can.remove ? (
        <div className="grid gap-8 border-t border-slate-200 pt-6 md:grid-cols-2">
          {can.suspend ? (
            <div>
              <h3 className="mb-2 font-semibold">{org.status === 'suspended' ? 'Reactivate' : 'Suspend'}</h3>
              <SuspensionForm organization={org} />
            </div>
          ) : null}
          {can.remove ? (
            <div>
              <h3 className="mb-2 font-semibold text-red-800">Delete</h3>
              <DeleteOrganizationForm organization={org} />
            </div>
          ) : null}
        </div>
      ) : null}
      {can.manage && can.suspend && can.remove ? null : <ReadOnlyNote />}
    </section>
  );
}
