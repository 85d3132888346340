import Link from 'next/link';
import { type MappingRow, RoleMappings } from '@/components/access/role-mappings';
import { Permitted } from '@/components/actions-context';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { EmptyState } from '@/components/ui/empty-state';
import type { RoleSummary } from '@/lib/access/queries';
import { formatDate } from '@/lib/format';
import { certificateStage } from '@/lib/sso/certificates';
import { SSO_PROVIDERS, type SsoProviderKey } from '@/lib/sso/providers';
import type { listSsoConnections } from '@/lib/sso/queries';
import { BreakGlassUses } from './break-glass-uses';
import { CreateConnectionForm, RequireSsoForm } from './sso-forms';
import { CertificateExpiry, ConnectionStatus } from './sso-status';

type Connection = Awaited<ReturnType<typeof listSsoConnections>>[number];

/** The SSO section: the organization's connections, and a new one. */
export function SsoSection({
  organization,
  connections,
  verifiedDomainCount,
  deleted,
  now,
  requirement,
  mappings,
  roles,
}: {
  organization: { id: string; slug: string };
  connections: Connection[];
  verifiedDomainCount: number;
  /** The name of a connection just deleted, to confirm it. */
  deleted: string | null;
  now: Date;
  requirement: {
    requireSso: boolean;
    owners: { membershipId: string; email: string; breakGlass: boolean }[];
    breakGlassUses: { id: string; at: Date; email: string | null }[];
  };
  mappings: MappingRow[];
  roles: RoleSummary[];
}) {
  const base = `/organizations/${organization.slug}/sso`;
  return (
    <section aria-labelledby="sso-heading" className="space-y-4">
      <h2 id="sso-heading" className="text-lg font-semibold">
        Single sign-on <span className="text-sm font-normal text-slate-600">({connections.length})</span>
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">
        Connect the organization’s identity provider with SAML 2.0 or OpenID Connect. Configure the connection first, apply it only to
        verified domains, and run a test sign-in before enabling it for everyone.
      </p>
      {deleted ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Deleted the connection {deleted}.
        </p>
      ) : null}
      {verifiedDomainCount === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          SSO applies only to verified domains, and this organization has none yet.{' '}
          <Link href={`/organizations/${organization.slug}/domains`}>Verify a domain</Link> before enabling a connection.
        </p>
      ) : null}
      {connections.length ? (
        <ul className="space-y-3" aria-label="SSO connections">
          {connections.map((connection) => (
            <li key={connection.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-3">
                <h3 className="font-semibold">
                  <Link href={`${base}/${connection.id}`}>{connection.name}</Link>
                </h3>
                <ConnectionStatus enabled={connection.enabled} status={connection.status} />
                <span className="text-sm text-slate-700">
                  {SSO_PROVIDERS[connection.provider as SsoProviderKey].label} ·{' '}
                  {connection.protocol === 'saml' ? 'SAML 2.0' : 'OpenID Connect'}
                </span>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm [&_dd]:break-all">
                <dt className="font-medium">Domains</dt>
                <dd>{connection.domains.length ? connection.domains.join(', ') : 'None yet'}</dd>
                {connection.protocol === 'saml' ? (
                  <>
                    <dt className="font-medium">Certificate</dt>
                    <dd>
                      {connection.firstCertificateExpiry ? (
                        <CertificateExpiry
                          notAfter={connection.firstCertificateExpiry}
                          stage={certificateStage(connection.firstCertificateExpiry, now)}
                        />
                      ) : (
                        'None yet'
                      )}
                    </dd>
                  </>
                ) : null}
                <dt className="font-medium">Last change</dt>
                <dd>{formatDate(connection.configuredAt)}</dd>
              </dl>
              {connection.lastError ? <p className="mt-2 text-sm text-red-800">{connection.lastError}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No SSO connections yet">
          <p>
            Add the identity provider this organization’s people sign in with: Okta, Entra ID, Google Workspace, or any SAML or OIDC
            provider.
          </p>
        </EmptyState>
      )}
      <Permitted to="sso.manage" fallback={<ReadOnlyNote />}>
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <CreateConnectionForm organizationId={organization.id} slug={organization.slug} />
        </div>
      </Permitted>
      <RoleMappings organizationId={organization.id} mappings={mappings} roles={roles} />
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <Permitted
          to="sso.manage"
          fallback={
            <p className="text-sm text-slate-700">
              {requirement.requireSso
                ? 'SSO is required: people at the verified domains sign in only through SSO, except the break-glass owners.'
                : 'SSO is not required: people may also sign in with email links.'}
            </p>
          }
        >
          <RequireSsoForm
            organizationId={organization.id}
            requireSso={requirement.requireSso}
            owners={requirement.owners}
            enabledConnections={connections.filter((c) => c.enabled).length}
          />
        </Permitted>
        <BreakGlassUses uses={requirement.breakGlassUses} />
      </div>
    </section>
  );
}
