import type { Metadata } from 'next';
import { type FormAction, OrganizationActionsProvider } from '@/components/actions-context';
import { AuthCard } from '@/components/auth/auth-card';
import { OpenedBeacon } from '@/components/setup-links/opened-beacon';
import { SetupGuide, type SetupGuideProps } from '@/components/setup-links/setup-guide';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { getOrganizationDetail } from '@/lib/organizations/queries';
import type { Result } from '@/lib/result';
import { authenticateSetupLink } from '@/lib/setup-links/auth';
import { intentPermissions } from '@/lib/setup-links/intents';
import { ssoAttempt, ssoConnectionDetail } from '@/lib/sso/queries';
import { serviceProviderValues } from '@/lib/sso/sp';
import {
  setupAddDomainAction,
  setupConfigureOidcAction,
  setupConfigureSamlAction,
  setupCreateDirectoryAction,
  setupCreateSsoConnectionAction,
  setupImportSamlMetadataAction,
  setupOpenedAction,
  setupRotateDirectoryTokenAction,
  setupVerifyDomainAction,
} from './actions';

export const metadata: Metadata = { title: 'Set up sign-in', robots: { index: false, follow: false } };

const REFUSED_TITLES: Record<string, string> = {
  setup_link_expired: 'This setup link has expired',
  setup_link_revoked: 'This setup link was revoked',
};

/**
 * A setup link's guided page for the customer's IT admin. A GET shows it and changes nothing (a
 * mail scanner can fetch it harmlessly); the visitor's actions run as the link.
 */
export default async function SetupLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ attempt?: string; testError?: string; connection?: string }>;
}) {
  const { token } = await params;
  const query = await searchParams;
  const client = await db();
  const now = new Date();
  const auth = await authenticateSetupLink(client, token, now);
  if (!auth.ok) {
    return (
      <AuthCard title={REFUSED_TITLES[auth.code] ?? 'Setup link not found'}>
        <p>{auth.message}</p>
        <p>Nothing was changed. The person who sent you the link can send a new one from their Orgdesk console.</p>
      </AuthCard>
    );
  }
  const { principal, link, organization } = auth.data;
  const intents = new Set(link.intents);
  const detail = await getOrganizationDetail(client, organization.id, now);
  if (!detail) {
    return (
      <AuthCard title="Setup link not found">
        <p>The organization this link was for no longer exists.</p>
      </AuthCard>
    );
  }
  const appUrl = getConfig().appUrl;
  const base = `/setup/${token}`;
  const domainChoices = detail.domains.map((d) => ({ id: d.id, name: d.name, verified: d.status === 'verified' }));

  let sso: SetupGuideProps['sso'] = null;
  if (intents.has('sso')) {
    const details = (await Promise.all(detail.ssoConnections.map((c) => ssoConnectionDetail(client, organization.id, c.id)))).filter(
      (c) => c !== null,
    );
    const lastTests = await Promise.all(
      details.map((c) => (c.lastTestAttemptId ? ssoAttempt(client, organization.id, c.id, c.lastTestAttemptId) : null)),
    );
    const attemptId = typeof query.attempt === 'string' && /^[0-9a-f-]{36}$/.test(query.attempt) ? query.attempt : null;
    const resultConnection = attemptId ? details.find((c) => c.lastTestAttemptId === attemptId) : undefined;
    const result = resultConnection && attemptId ? await ssoAttempt(client, organization.id, resultConnection.id, attemptId) : null;
    sso = {
      connections: details.map((connection, index) => {
        const lastTest = lastTests[index];
        return {
          organization: detail,
          connection,
          sp: serviceProviderValues(appUrl, connection.id),
          domains: domainChoices,
          now,
          attempts: null,
          lastTest: lastTest
            ? { id: lastTest.id, occurredAt: lastTest.occurredAt, outcome: lastTest.outcome, check: lastTest.detail.check ?? null }
            : null,
          testError: query.connection === connection.id && typeof query.testError === 'string' ? query.testError : null,
        };
      }),
      testHref: (connectionId) => `${base}/sso-test/${connectionId}`,
      resultHref: (id) => `${base}?attempt=${id}#sso`,
      result:
        result && resultConnection
          ? {
              organization: detail,
              connection: resultConnection,
              attempt: result,
              back: { href: `${base}#sso`, label: 'Back to the setup' },
            }
          : null,
    };
  }

  const directory = intents.has('directory')
    ? await client.directory.findUnique({
        where: { organizationId: organization.id },
        select: {
          id: true,
          name: true,
          provider: true,
          status: true,
          lastRequestAt: true,
          tokens: {
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            select: { id: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true },
          },
        },
      })
    : null;

  const bound = (action: (token: string, previous: Result<unknown> | null, form: FormData) => Promise<Result<unknown>>): FormAction =>
    action.bind(null, token);
  return (
    <OrganizationActionsProvider
      permissions={intentPermissions(link.intents)}
      actions={{
        addDomain: bound(setupAddDomainAction),
        verifyDomain: bound(setupVerifyDomainAction),
        createSsoConnection: bound(setupCreateSsoConnectionAction),
        configureSamlConnection: bound(setupConfigureSamlAction),
        configureOidcConnection: bound(setupConfigureOidcAction),
        importSamlMetadata: bound(setupImportSamlMetadataAction),
        createDirectory: bound(setupCreateDirectoryAction),
        rotateDirectoryToken: bound(setupRotateDirectoryTokenAction),
      }}
    >
      <OpenedBeacon action={setupOpenedAction.bind(null, token)} />
      <SetupGuide
        organization={organization}
        link={{ expiresAt: link.expiresAt, intents: link.intents, sentTo: principal.sentTo }}
        now={now}
        domains={intents.has('domains') ? { organization: detail, domains: detail.domains } : null}
        sso={sso}
        directory={
          intents.has('directory')
            ? {
                organizationId: organization.id,
                directory,
                scimBaseUrl: directory ? `${appUrl.replace(/\/$/, '')}/api/scim/v2/${directory.id}` : null,
              }
            : null
        }
      />
    </OrganizationActionsProvider>
  );
}
