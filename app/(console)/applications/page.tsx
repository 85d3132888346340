import Link from 'next/link';
import { ApplicationForm, RotateSigningKey } from '@/components/applications/application-forms';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { listSigningKeys } from '@/lib/oidc/keys';
import { issuerUrl } from '@/lib/oidc/provider';
import { listApplications } from '@/lib/oidc/queries';
import { createApplicationAction, rotateSigningKeyAction } from './actions';

export const metadata = { title: 'Applications' };

/** The builder's applications that sign their users in through Orgdesk, and the keys that sign their ID tokens. */
export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const builder = await requireBuilderPage('/applications');
  const { deleted } = await searchParams;
  const client = await db();
  const [applications, keys] = await Promise.all([listApplications(client), listSigningKeys(client, new Date())]);
  const manage = hasPermission(builder, 'applications.manage');
  const issuer = issuerUrl(getConfig().appUrl);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Applications</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Your app signs its users in through Orgdesk with OpenID Connect (authorization code with PKCE). People sign in with their email
          link or their organization’s SSO, choose one of their organizations, and your app gets an ID token with the organization, their
          role and their permissions. Each sign-in counts as activity for the organization. Issuer: <code>{issuer}</code>.
        </p>
      </header>
      {deleted ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          Application deleted.
        </p>
      ) : null}
      {manage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <ApplicationForm action={createApplicationAction} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          You can see the applications; registering and changing them needs the applications.manage permission.
        </p>
      )}
      {applications.rows.length ? (
        <DataTable
          caption="Applications"
          columns={[{ label: 'Application' }, { label: 'Client id' }, { label: 'Redirect URIs' }, { label: 'Last sign-in' }]}
          footer={
            applications.total > applications.rows.length ? (
              <p className="px-4 py-2 text-sm text-slate-700">
                The {applications.rows.length} newest of {applications.total} applications.
              </p>
            ) : null
          }
        >
          {applications.rows.map((app) => (
            <tr key={app.id} className="align-top">
              <td className="px-4 py-3">
                <Link href={`/applications/${app.id}`} className="font-medium text-blue-800 underline">
                  {app.name}
                </Link>
              </td>
              <td className="px-4 py-3 font-mono text-xs">{app.clientId}</td>
              <td className="max-w-sm break-all px-4 py-3 text-xs">{app.redirectUris.join(', ')}</td>
              <td className="px-4 py-3 text-xs">{app.lastSignInAt ? formatDateTime(app.lastSignInAt) : 'Never'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="No applications yet">
          <p>
            Register your app above with the address it receives sign-ins at. The README’s “Integrate your app” shows the settings to use.
          </p>
        </EmptyState>
      )}
      <section aria-labelledby="signing-keys-heading" className="space-y-3">
        <h2 id="signing-keys-heading" className="text-lg font-semibold">
          Signing keys
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          ID tokens are signed with RS256; the keys are published at <code>{issuer}/jwks</code>. A key is made on first start and stored
          encrypted. After a rotation, the old key stays published until the tokens it signed have expired.
        </p>
        <DataTable caption="Signing keys" columns={[{ label: 'Key id' }, { label: 'Created' }, { label: 'Status' }]}>
          {keys.map((key) => (
            <tr key={key.kid}>
              <td className="px-4 py-3 font-mono text-xs">{key.kid}</td>
              <td className="px-4 py-3 text-xs">{formatDateTime(key.createdAt)}</td>
              <td className="px-4 py-3 text-xs">
                {key.retiredAt ? `Retired; published until ${formatDateTime(key.publishUntil!)}` : 'Signs new tokens'}
              </td>
            </tr>
          ))}
        </DataTable>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-700">No key yet: the first is made when Orgdesk starts, or at the first sign-in.</p>
        ) : null}
        {manage ? <RotateSigningKey action={rotateSigningKeyAction} /> : null}
      </section>
    </div>
  );
}
