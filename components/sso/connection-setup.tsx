import Link from 'next/link';
import { Permitted } from '@/components/actions-context';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { buttonClasses } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { formatDate, formatDateTime } from '@/lib/format';
import type { PageInfo } from '@/lib/pagination';
import { certificateStage } from '@/lib/sso/certificates';
import { defaultAttributeMapping, SSO_PROVIDERS, type SsoProviderKey } from '@/lib/sso/providers';
import type { SsoConnectionDetail } from '@/lib/sso/queries';
import { missingForEnable } from '@/lib/sso/rules';
import type { ServiceProviderValues } from '@/lib/sso/sp';
import { type AttemptRow, SignInLog } from './sign-in-log';
import {
  DeleteConnectionForm,
  type DomainChoice,
  EnableConnectionForm,
  MetadataImportForm,
  OidcSettingsForm,
  SamlSettingsForm,
} from './sso-forms';
import { CertificateExpiry, ConnectionStatus } from './sso-status';

const TEST_ERRORS: Record<string, string> = {
  sso_incomplete: 'Add the identity provider’s SSO URL and signing certificate before testing.',
  forbidden: 'You need the sso.manage permission to test this connection.',
  not_found: 'This connection no longer exists.',
  wrong_protocol: 'This connection’s protocol has no test sign-in here.',
};

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd className="break-all font-mono text-xs">{value}</dd>
      <dd>
        <CopyButton value={value} label={`Copy the ${label}`} />
      </dd>
    </>
  );
}

/** One connection's setup: the provider's steps, the values to copy both ways, its settings and its switch. */
export function ConnectionSetup({
  organization,
  connection,
  sp,
  domains,
  now,
  attempts,
  lastTest,
  testError,
  setup = null,
}: {
  organization: { id: string; slug: string };
  connection: SsoConnectionDetail;
  sp: ServiceProviderValues;
  domains: DomainChoice[];
  now: Date;
  /** The sign-in log's page; none on a setup link's page. */
  attempts: { rows: AttemptRow[]; page: PageInfo } | null;
  lastTest: { id: string; occurredAt: Date; outcome: string; check: string | null } | null;
  testError: string | null;
  /**
   * Shown on a setup link's page instead of the console: no breadcrumbs, switch, deletion or
   * sign-in log, and the test runs (and answers) through the link.
   */
  setup?: { testHref: string; resultHref: (attemptId: string) => string } | null;
}) {
  const base = `/organizations/${organization.slug}/sso/${connection.id}`;
  const provider = SSO_PROVIDERS[connection.provider as SsoProviderKey];
  const saml = connection.protocol === 'saml' ? provider.saml : undefined;
  const oidc = connection.protocol === 'oidc' ? provider.oidc : undefined;
  const ref = { organizationId: organization.id, connectionId: connection.id };
  const mapping = {
    ...defaultAttributeMapping(connection.provider as SsoProviderKey, connection.protocol),
    ...connection.attributeMapping,
  };
  const mappingValues = {
    emailAttribute: mapping.email ?? '',
    firstNameAttribute: mapping.firstName ?? '',
    lastNameAttribute: mapping.lastName ?? '',
    groupsAttribute: mapping.groups ?? '',
    domainIds: connection.domainIds,
  };
  const missing = missingForEnable({
    ...connection,
    certificateCount: connection.certificates.length,
    domainCount: connection.domainIds.length,
  });
  const steps = saml?.steps ?? oidc?.steps ?? [];
  const testable = saml
    ? Boolean(connection.idpSsoUrl && connection.certificates.length)
    : Boolean(connection.issuer && connection.clientId && connection.hasClientSecret);
  return (
    <div className="space-y-8">
      {setup ? null : (
        <nav aria-label="SSO connection" className="text-sm">
          <Link href={`/organizations/${organization.slug}/sso`}>Single sign-on</Link> <span aria-hidden="true">/</span> {connection.name}
        </nav>
      )}
      <section aria-labelledby="connection-heading" className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="connection-heading" className="text-lg font-semibold">
            {connection.name}
          </h2>
          <ConnectionStatus enabled={connection.enabled} status={connection.status} />
        </div>
        <p className="text-sm text-slate-700">
          {provider.label} · {connection.protocol === 'saml' ? 'SAML 2.0' : 'OpenID Connect'} · last changed{' '}
          {formatDateTime(connection.configuredAt)}
        </p>
        {connection.lastError ? <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{connection.lastError}</p> : null}
        {setup ? (
          <p className="text-sm text-slate-700">
            {connection.enabled
              ? 'It is on: people at its domains sign in through it.'
              : 'It stays off until the builder turns it on, after a passed test sign-in.'}
          </p>
        ) : (
          <Permitted to="sso.manage">
            <div className="space-y-2">
              {!connection.enabled && missing.length ? (
                <p className="text-sm text-slate-700">To enable it, add {missing.join(', ')}.</p>
              ) : null}
              <EnableConnectionForm connection={ref} enabled={connection.enabled} name={connection.name} />
            </div>
          </Permitted>
        )}
      </section>

      {saml || oidc ? (
        <section aria-labelledby="test-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
          <h3 id="test-heading" className="font-semibold">
            Test sign-in
          </h3>
          <p className="text-sm text-slate-700">
            Signs in at {provider.label} for real{setup ? '' : ', in a new tab,'} without starting a session here. The result shows what{' '}
            {provider.label} sent, or the check that failed and how to fix it. Test before enabling the connection for everyone.
          </p>
          {testError ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {TEST_ERRORS[testError] ?? 'The test couldn’t start. Reload the page and try again.'}
            </p>
          ) : null}
          {lastTest ? (
            <p className="text-sm">
              Last test, {formatDateTime(lastTest.occurredAt)}:{' '}
              {lastTest.outcome === 'success' ? (
                <strong className="text-emerald-800">succeeded</strong>
              ) : (
                <strong className="text-red-800">failed at {lastTest.check ?? lastTest.outcome}</strong>
              )}
              {lastTest.occurredAt < connection.configuredAt ? ' (before the last change to the settings: test again)' : ''}.{' '}
              <Link href={setup ? setup.resultHref(lastTest.id) : `${base}/attempts/${lastTest.id}`}>See the result</Link>
            </p>
          ) : (
            <p className="text-sm text-slate-700">Not tested yet.</p>
          )}
          <Permitted to="sso.manage">
            {testable && setup ? (
              <a className={buttonClasses('secondary')} href={setup.testHref}>
                Test connection
              </a>
            ) : testable ? (
              <a
                className={buttonClasses('secondary')}
                href={`/api/sso/test/${connection.id}?organizationId=${organization.id}&slug=${organization.slug}`}
                target="_blank"
                rel="noopener"
              >
                Test connection<span className="sr-only"> (opens a new tab)</span>
              </a>
            ) : (
              <p className="text-sm text-slate-700">
                {saml
                  ? 'Add the identity provider’s SSO URL and certificate to test the connection.'
                  : 'Save the issuer, client ID and client secret to test the connection.'}
              </p>
            )}
          </Permitted>
        </section>
      ) : null}

      <section aria-labelledby="steps-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h3 id="steps-heading" className="font-semibold">
          Set it up in {provider.label}
        </h3>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h4 className="pt-2 font-medium">Give {provider.label} these values</h4>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 text-sm">
          {saml ? (
            <>
              <CopyRow label={saml.acsUrlField} value={sp.acsUrl} />
              <CopyRow label={saml.spEntityIdField} value={sp.entityId} />
              <CopyRow label="SP metadata URL" value={sp.metadataUrl} />
            </>
          ) : null}
          {oidc ? <CopyRow label={oidc.redirectUriField} value={sp.redirectUri} /> : null}
        </dl>
        {saml ? (
          <p className="text-sm">
            <a href={sp.metadataUrl} download={`orgdesk-sp-metadata-${connection.id}.xml`}>
              Download the SP metadata file
            </a>{' '}
            to upload it instead.
          </p>
        ) : null}
      </section>

      {saml ? (
        <section aria-labelledby="certificates-heading" className="space-y-2">
          <h3 id="certificates-heading" className="font-semibold">
            Trusted signing certificates ({connection.certificates.length} of 3)
          </h3>
          {connection.certificates.length ? (
            <ul className="space-y-1 text-sm">
              {connection.certificates.map((certificate) => (
                <li key={certificate.id}>
                  <span className="break-all font-mono text-xs">
                    SHA-256 {certificate.fingerprint.match(/.{2}/g)!.join(':').toUpperCase()}
                  </span>
                  <br />
                  Valid from {formatDate(certificate.notBefore)};{' '}
                  <CertificateExpiry notAfter={certificate.notAfter} stage={certificateStage(certificate.notAfter, now)} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">None yet: import the metadata or paste the certificate below.</p>
          )}
          {connection.idpMetadataUrl ? (
            <p className="text-sm text-slate-700">
              Metadata from {connection.idpMetadataUrl}
              {connection.idpMetadataFetchedAt ? `, last read ${formatDateTime(connection.idpMetadataFetchedAt)}` : ''}.
            </p>
          ) : null}
        </section>
      ) : null}

      {oidc ? (
        <section aria-labelledby="discovery-heading" className="space-y-2">
          <h3 id="discovery-heading" className="font-semibold">
            Discovery
          </h3>
          {connection.discovery ? (
            <>
              <p className="text-sm text-slate-700">
                Read from {connection.discovery.issuer}
                {connection.discoveryFetchedAt ? ` on ${formatDateTime(connection.discoveryFetchedAt)}` : ''}; read again daily.
              </p>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
                <dt className="font-medium">Authorization</dt>
                <dd className="break-all font-mono text-xs">{connection.discovery.authorization_endpoint}</dd>
                <dt className="font-medium">Token</dt>
                <dd className="break-all font-mono text-xs">{connection.discovery.token_endpoint}</dd>
                <dt className="font-medium">Userinfo</dt>
                <dd className="break-all font-mono text-xs">{connection.discovery.userinfo_endpoint}</dd>
                <dt className="font-medium">Signing keys</dt>
                <dd className="break-all font-mono text-xs">{connection.discovery.jwks_uri}</dd>
              </dl>
            </>
          ) : (
            <p className="text-sm text-slate-700">Not read yet: save the issuer below, and Orgdesk reads its discovery document.</p>
          )}
        </section>
      ) : null}

      <Permitted to="sso.manage" fallback={<ReadOnlyNote />}>
        {saml ? (
          <>
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <MetadataImportForm connection={ref} metadataUrl={connection.idpMetadataUrl ?? ''} />
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <SamlSettingsForm
                // Re-read after a metadata import, which changes the identity provider's values.
                key={connection.idpMetadataFetchedAt?.toISOString() ?? 'manual'}
                connection={ref}
                domains={domains}
                labels={{ ssoUrl: saml.ssoUrlField, entityId: saml.entityIdField, certificate: saml.certificateField }}
                initial={{
                  name: connection.name,
                  idpEntityId: connection.idpEntityId ?? '',
                  idpSsoUrl: connection.idpSsoUrl ?? '',
                  certificates: connection.certificates.map((c) => c.pem),
                  signedPart: connection.signedPart,
                  allowSha1: connection.allowSha1,
                  idpInitiated: connection.idpInitiated,
                  clockSkewSeconds: String(connection.clockSkewSeconds),
                  ...mappingValues,
                }}
              />
            </div>
          </>
        ) : null}
        {oidc ? (
          <div className="rounded-lg border border-slate-200 bg-white p-6">
            <OidcSettingsForm
              connection={ref}
              domains={domains}
              hasClientSecret={connection.hasClientSecret}
              labels={{ clientId: oidc.clientIdField, clientSecret: oidc.clientSecretField, issuerHint: oidc.issuerHint }}
              initial={{ name: connection.name, issuer: connection.issuer ?? '', clientId: connection.clientId ?? '', ...mappingValues }}
            />
          </div>
        ) : null}
        {setup ? null : (
          <section aria-labelledby="danger-heading" className="space-y-3 rounded-lg border border-red-200 bg-white p-6">
            <h3 id="danger-heading" className="font-semibold">
              Delete this connection
            </h3>
            <DeleteConnectionForm connection={ref} name={connection.name} slug={organization.slug} />
          </section>
        )}
      </Permitted>
      {attempts ? <SignInLog rows={attempts.rows} page={attempts.page} base={base} /> : null}
    </div>
  );
}
