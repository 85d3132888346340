import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { DeleteRole } from '@/components/roles/delete-role';
import { PermissionChips } from '@/components/roles/permission-chips';
import { RoleForm } from '@/components/roles/role-form';
import { describeUsage, usageTotal } from '@/lib/access/policy';
import { listPermissionCatalog, listRoles } from '@/lib/access/queries';
import { requireBuilderPage } from '@/lib/auth/require';
import { CONSOLE_ONLY_PERMISSIONS, hasPermission, type Permission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { deleteRoleAction, updateRoleAction } from '../actions';

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return { title: `Role ${decodeURIComponent(key)}` };
}

/** One role: its name, description, operating-team flag and permissions; deleting a custom one. */
export default async function RolePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { key: raw } = await params;
  const key = decodeURIComponent(raw);
  const builder = await requireBuilderPage(`/roles/${raw}`);
  const manage = hasPermission(builder, 'roles.manage');
  const { created } = await searchParams;
  const client = await db();
  const [roles, catalog] = await Promise.all([listRoles(client), listPermissionCatalog(client)]);
  const role = roles.find((r) => r.key === key);
  if (!role) notFound();
  const grantable = catalog.filter((entry) => !CONSOLE_ONLY_PERMISSIONS.has(entry.key as Permission));
  // Where its holders can move: a role for every organization, or for the same one.
  const alternatives = roles.filter((r) => r.key !== role.key && (!r.organization || r.organization.id === role.organization?.id));
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/roles">Roles</Link> <span aria-hidden="true">/</span> {role.name}
      </nav>
      {created ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Role created. Choose it when you invite someone or change a member’s role.
        </p>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{role.name}</h1>
        <p className="text-sm text-slate-700">
          Key <code>{role.key}</code> · {role.organization ? `only ${role.organization.name}` : 'every organization'}
          {role.isDefault ? ' · default role' : ''} · in use by {describeUsage(role.usage)}
        </p>
      </header>
      <section aria-labelledby="edit-role-heading" className="space-y-3">
        <h2 id="edit-role-heading" className="text-lg font-semibold">
          Name and permissions
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          A change applies at once to everyone holding this role, and is recorded with the before and after.
        </p>
        {manage ? (
          <RoleForm action={updateRoleAction} catalog={grantable} role={role} />
        ) : (
          <>
            <PermissionChips keys={role.permissions} />
            <ReadOnlyNote />
          </>
        )}
      </section>
      {!manage ? null : role.isDefault ? (
        <p className="text-sm text-slate-700">The default roles exist in every installation and can’t be deleted.</p>
      ) : (
        <section aria-labelledby="delete-role-heading" className="space-y-3">
          <h2 id="delete-role-heading" className="text-lg font-semibold">
            Delete
          </h2>
          <DeleteRole
            action={deleteRoleAction}
            role={role}
            usage={usageTotal(role.usage) ? describeUsage(role.usage) : null}
            alternatives={alternatives.map((r) => ({ key: r.key, name: r.name }))}
          />
        </section>
      )}
    </div>
  );
}
