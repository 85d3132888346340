import Link from 'next/link';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { AddPermissionForm, RemovePermissionButton } from '@/components/roles/permission-catalog';
import { PermissionChips } from '@/components/roles/permission-chips';
import { RoleForm } from '@/components/roles/role-form';
import { DataTable } from '@/components/ui/data-table';
import { describeUsage } from '@/lib/access/policy';
import { listPermissionCatalog, listRoles } from '@/lib/access/queries';
import { requireBuilderPage } from '@/lib/auth/require';
import { CONSOLE_ONLY_PERMISSIONS, hasPermission, type Permission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { createPermissionAction, createRoleAction, deletePermissionAction } from './actions';

export const metadata = { title: 'Roles' };

/** The console's roles: the defaults and custom roles, what uses each, and the permission catalog. */
export default async function RolesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const builder = await requireBuilderPage('/roles');
  const manage = hasPermission(builder, 'roles.manage');
  const { deleted } = await searchParams;
  const client = await db();
  const [roles, catalog, organizations] = await Promise.all([
    listRoles(client),
    listPermissionCatalog(client),
    client.organization.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 500 }),
  ]);
  const grantable = catalog.filter((entry) => !CONSOLE_ONLY_PERMISSIONS.has(entry.key as Permission));
  const appPermissions = catalog.filter((entry) => entry.kind === 'app');
  return (
    <div className="space-y-10">
      {deleted && /^[a-z][a-z0-9_.:-]{0,62}$/.test(deleted) ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Role <code>{deleted}</code> deleted. Its history stays in the <Link href="/audit?action=role.deleted">audit log</Link>.
        </p>
      ) : null}
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Roles</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Start simple: give each organization one owner or admin first. Add a custom role only when the default roles aren’t enough, for
          example a support role that may read the audit log but not invite anyone.
        </p>
      </header>

      <section aria-labelledby="roles-heading" className="space-y-3">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Default and custom roles
        </h2>
        <DataTable
          caption="Roles"
          columns={[{ label: 'Role' }, { label: 'Where' }, { label: 'Operating team' }, { label: 'Permissions' }, { label: 'In use by' }]}
        >
          {roles.map((role) => (
            <tr key={role.key} className="align-top">
              <th scope="row" className="px-4 py-3 text-left font-medium">
                <Link href={`/roles/${encodeURIComponent(role.key)}`}>{role.name}</Link>
                <span className="block font-mono text-xs font-normal text-slate-600">{role.key}</span>
                {role.isDefault ? <span className="mt-1 block text-xs font-normal text-slate-600">Default</span> : null}
              </th>
              <td className="px-4 py-3">{role.organization ? `Only ${role.organization.name}` : 'Every organization'}</td>
              <td className="px-4 py-3">{role.operatingTeam ? 'Yes' : 'No'}</td>
              <td className="px-4 py-3">
                <PermissionChips keys={role.permissions} />
              </td>
              <td className="px-4 py-3">{describeUsage(role.usage)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {manage ? (
        <section aria-labelledby="create-role-heading" className="space-y-3">
          <h2 id="create-role-heading" className="text-lg font-semibold">
            Create a custom role
          </h2>
          <RoleForm action={createRoleAction} catalog={grantable} organizations={organizations} />
        </section>
      ) : (
        <ReadOnlyNote />
      )}

      <section aria-labelledby="catalog-heading" className="space-y-3">
        <h2 id="catalog-heading" className="text-lg font-semibold">
          Permission catalog
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Orgdesk’s own permissions decide what members may do here. Add your app’s own keys, such as <code>reports:export</code> or{' '}
          <code>billing:manage</code>, give them to roles, and your app reads each member’s permissions through the API.
        </p>
        <DataTable
          caption="Permissions"
          columns={[{ label: 'Key' }, { label: 'What it allows' }, { label: 'Roles' }, { label: 'Actions' }]}
        >
          {catalog.map((entry) => (
            <tr key={entry.key} className="align-top">
              <th scope="row" className="px-4 py-3 text-left font-mono text-xs font-normal">
                {entry.key}
              </th>
              <td className="px-4 py-3">
                {entry.description}
                {entry.kind === 'console' ? <span className="block text-xs text-slate-600">Orgdesk’s own</span> : null}
              </td>
              <td className="px-4 py-3 tabular-nums">{entry.roleCount}</td>
              <td className="px-4 py-3">
                {entry.kind === 'app' && manage ? (
                  <RemovePermissionButton action={deletePermissionAction} permissionKey={entry.key} roleCount={entry.roleCount} />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
        {manage ? (
          <>
            <h3 className="pt-2 text-base font-semibold">Add a permission for your app</h3>
            <AddPermissionForm action={createPermissionAction} />
          </>
        ) : null}
        {appPermissions.length === 0 ? <p className="text-sm text-slate-600">Your app has no permission keys yet.</p> : null}
      </section>
    </div>
  );
}
