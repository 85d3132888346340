import Link from 'next/link';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { CreateOrganizationForm } from '@/components/organizations/create-organization-form';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { createOrganizationAction } from './actions';

export const metadata = { title: 'Create Organization' };

export default async function NewOrganizationPage() {
  const builder = await requireBuilderPage('/organizations/new');
  const canCreate = hasPermission(builder, 'organizations.create');
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/organizations">Organizations</Link> <span aria-hidden="true">/</span> New
      </nav>
      <h1 className="text-2xl font-semibold">Create Organization</h1>
      <p className="max-w-xl text-sm text-slate-700">
        An organization is one customer account, team or workspace of your app. After creating it, invite its first operating team.
      </p>
      {canCreate ? (
        <CreateOrganizationForm createOrganization={createOrganizationAction} />
      ) : (
        <ReadOnlyNote>Your console role can’t create organizations. A console owner can change your role on the Team page.</ReadOnlyNote>
      )}
    </div>
  );
}
