import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApplicationForm, DeleteApplication, RotateClientSecret } from '@/components/applications/application-forms';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { issuerUrl } from '@/lib/oidc/provider';
import { getApplication } from '@/lib/oidc/queries';
import { deleteApplicationAction, rotateApplicationSecretAction, updateApplicationAction } from '../actions';

export const metadata = { title: 'Application' };

/** One application: the OpenID settings for the app's configuration, its addresses, its secret, deletion. */
export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const builder = await requireBuilderPage(`/applications/${id}`);
  const app = await getApplication(await db(), id);
  if (!app) notFound();
  const manage = hasPermission(builder, 'applications.manage');
  const issuer = issuerUrl(getConfig().appUrl);
  const settings: [string, string][] = [
    ['Issuer', issuer],
    ['Discovery', `${issuer}/.well-known/openid-configuration`],
    ['Client id', app.clientId],
    ['Client secret', `${app.secretPrefix}… (shown once when made)`],
    ['Client authentication', 'client_secret_basic'],
    ['Flow', 'Authorization code with PKCE (S256)'],
    ['Scopes', 'openid email (offline_access for a refresh token)'],
    ['Choose an organization', 'organization=<id or slug> on the authorization request (optional)'],
  ];
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/applications" className="text-blue-800 underline">
          Applications
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{app.name}</h1>
        <p className="text-sm text-slate-700">
          Registered {formatDateTime(app.createdAt)} by {app.createdByEmail}. Last sign-in:{' '}
          {app.lastSignInAt ? formatDateTime(app.lastSignInAt) : 'never'}.
        </p>
      </header>
      <section aria-labelledby="settings-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="settings-heading" className="font-semibold">
          OpenID Connect settings for your app
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {settings.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-slate-900">{term}</dt>
              <dd className="break-all font-mono text-xs text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
        {app.previousSecretExpiresAt && app.previousSecretExpiresAt > new Date() ? (
          <p className="text-sm text-slate-700">
            The previous client secret works too until {formatDateTime(app.previousSecretExpiresAt)}.
          </p>
        ) : null}
      </section>
      {manage ? (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-6">
            <ApplicationForm action={updateApplicationAction} application={app} />
          </div>
          <section aria-labelledby="secret-heading" className="space-y-3">
            <h2 id="secret-heading" className="font-semibold">
              Client secret
            </h2>
            <RotateClientSecret applicationId={app.id} action={rotateApplicationSecretAction} />
          </section>
          <section aria-labelledby="delete-heading" className="space-y-3">
            <h2 id="delete-heading" className="font-semibold">
              Delete
            </h2>
            <DeleteApplication applicationId={app.id} action={deleteApplicationAction} />
          </section>
        </>
      ) : (
        <p className="text-sm text-slate-700">
          Redirect URIs: {app.redirectUris.join(', ')}. Changing the application needs the applications.manage permission.
        </p>
      )}
    </div>
  );
}
