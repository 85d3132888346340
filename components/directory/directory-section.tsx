import Link from 'next/link';
import { MappingDryRun } from '@/components/access/mapping-dry-run';
import { type MappingRow, RoleMappings } from '@/components/access/role-mappings';
import { Permitted } from '@/components/actions-context';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { RoleSummary } from '@/lib/access/queries';
import { LINK_ISSUES, type LinkIssue } from '@/lib/directory/labels';
import { DIRECTORY_PROVIDERS, type DirectoryProviderKey } from '@/lib/directory/providers';
import type { DirectoryOverview } from '@/lib/directory/queries';
import { formatDateTime } from '@/lib/format';
import {
  CreateDirectoryForm,
  DeleteDirectory,
  DirectorySettingsForm,
  OrganizationCreationForm,
  ReviewDecision,
  RevokeTokenButton,
  RotateTokenForm,
} from './directory-forms';

const STATUS: Record<string, { label: string; className: string }> = {
  draft: { label: 'Waiting for its first request', className: 'bg-slate-100 text-slate-800' },
  active: { label: 'Syncing', className: 'bg-green-100 text-green-900' },
  error: { label: 'Failing', className: 'bg-red-100 text-red-900' },
};

/** The Directory section: SCIM provisioning for the organization, its setup, health and settings. */
export function DirectorySection({
  organization,
  overview,
  scimBaseUrl,
  connections,
  mappings,
  roles,
  sampleUsers,
  deleted,
}: {
  organization: { id: string; slug: string };
  overview: DirectoryOverview | null;
  scimBaseUrl: string | null;
  connections: { id: string; name: string; enabled: boolean }[];
  mappings: MappingRow[];
  roles: RoleSummary[];
  /** Directory users to try the dry run on. */
  sampleUsers: { id: string; label: string }[];
  deleted: string | null;
}) {
  return (
    <section aria-labelledby="directory-heading" className="space-y-4">
      <h2 id="directory-heading" className="text-lg font-semibold">
        Directory sync
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">
        The organization’s identity provider pushes its people and groups here over SCIM 2.0: they join as members with the role their
        groups map to, and leave when the identity provider deprovisions them. Connect only the directory that belongs to the organization’s
        SSO connection, decide what happens to deprovisioned users, and check the role mappings before people rely on them.
      </p>
      {deleted ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Deleted the directory {deleted}. The members it provisioned are still members.
        </p>
      ) : null}
      {overview && scimBaseUrl ? (
        <DirectoryDetail organization={organization} overview={overview} scimBaseUrl={scimBaseUrl} connections={connections} />
      ) : (
        <>
          <EmptyState title="No directory yet">
            <p>
              Create the directory to get its SCIM endpoint and token, then paste both into Okta, Entra ID, Google Workspace, OneLogin,
              JumpCloud or any SCIM 2.0 client.
            </p>
          </EmptyState>
          <Permitted to="directory.manage" fallback={<ReadOnlyNote />}>
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <CreateDirectoryForm organizationId={organization.id} />
            </div>
          </Permitted>
        </>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <RoleMappings organizationId={organization.id} mappings={mappings} roles={roles} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <MappingDryRun organizationId={organization.id} saved={mappings} roles={roles} users={sampleUsers} />
      </div>
    </section>
  );
}

function DirectoryDetail({
  organization,
  overview,
  scimBaseUrl,
  connections,
}: {
  organization: { id: string; slug: string };
  overview: DirectoryOverview;
  scimBaseUrl: string;
  connections: { id: string; name: string; enabled: boolean }[];
}) {
  const { directory, tokens, health } = overview;
  const provider = DIRECTORY_PROVIDERS[directory.provider as DirectoryProviderKey];
  const ref = { organizationId: organization.id, directoryId: directory.id };
  const status = STATUS[directory.status]!;
  const eventsHref = `/organizations/${organization.slug}/directory/events`;
  return (
    <>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-center gap-3">
          <h3 className="font-semibold">{directory.name}</h3>
          <span className={`rounded px-2 py-0.5 text-xs font-medium ${status.className}`}>{status.label}</span>
          <span className="text-sm text-slate-700">{provider.label}</span>
        </div>
        {directory.lastError ? <p className="text-sm text-red-800">{directory.lastError}</p> : null}
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-2 text-sm [&_dd]:break-all">
          <dt className="font-medium">{provider.baseUrlField}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs" data-testid="scim-base-url">
              {scimBaseUrl}
            </code>
            <CopyButton value={scimBaseUrl} label={`Copy the ${provider.baseUrlField}`} />
          </dd>
          <dt className="font-medium">{provider.tokenField}</dt>
          <dd>Shown once when created or rotated. Rotate below for a new one.</dd>
          <dt className="font-medium">Intended SSO connection</dt>
          <dd>
            {directory.ssoConnection ? (
              <Link href={`/organizations/${organization.slug}/sso/${directory.ssoConnection.id}`}>{directory.ssoConnection.name}</Link>
            ) : (
              'None chosen'
            )}
          </dd>
        </dl>
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Set up {provider.label}</summary>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
            {provider.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </details>
      </div>

      <section aria-labelledby="directory-health-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="directory-health-heading" className="font-semibold">
            Health
          </h3>
          <Link href={eventsHref} className="text-sm">
            Open the event log
          </Link>
        </div>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">Last request</dt>
          <dd>
            {health.lastRequest
              ? `${formatDateTime(health.lastRequest.occurredAt)} · ${health.lastRequest.operation} · ${health.lastRequest.status}`
              : 'None yet: paste the endpoint and token into the identity provider and test the connection there.'}
          </dd>
          <dt className="font-medium">Users</dt>
          <dd>
            {health.activeUsers} active{health.inactiveUsers ? `, ${health.inactiveUsers} deactivated` : ''}
          </dd>
          <dt className="font-medium">Groups</dt>
          <dd>{health.groups}</dd>
          <dt className="font-medium">Not heard from after</dt>
          <dd>{directory.staleAfterHours} hours</dd>
        </dl>
        {health.outsideVerifiedDomains.total ? (
          <div className="text-sm">
            <p className="font-medium text-amber-900">
              {health.outsideVerifiedDomains.total} {health.outsideVerifiedDomains.total === 1 ? 'user’s' : 'users’'} email is at no
              verified domain of this organization. <Link href={`/organizations/${organization.slug}/domains`}>Verify the domain</Link> or
              check the identity provider’s assignments.
            </p>
            <ul className="mt-1 list-disc pl-5 text-slate-700" aria-label="Users outside the verified domains">
              {health.outsideVerifiedDomains.rows.map((user) => (
                <li key={user.id} className="break-all">
                  {user.email ?? `${user.userName} (no email)`}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {health.unlinked.rows.length ? (
          <div className="text-sm">
            <p className="font-medium text-amber-900">Not linked to a member:</p>
            <ul className="mt-1 list-disc pl-5 text-slate-700" aria-label="Users not linked to a member">
              {health.unlinked.rows.map((user) => (
                <li key={user.id} className="break-all">
                  {user.email ?? user.userName}: {LINK_ISSUES[user.linkIssue as LinkIssue]}
                </li>
              ))}
            </ul>
            {health.unlinked.more ? <p className="text-slate-600">And more: see the event log.</p> : null}
          </div>
        ) : null}
        {health.review.length ? (
          <div className="space-y-2 text-sm">
            <p className="font-medium text-amber-900">
              Deprovisioned by the identity provider, still active here: suspend or keep each one.
            </p>
            <ul className="divide-y divide-slate-200 rounded border border-slate-200" aria-label="Deprovisioned users to review">
              {health.review.map((user) => {
                const label = user.email ?? user.userName;
                return (
                  <li key={user.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                    <span className="min-w-0 break-all">
                      {label}
                      <span className="text-slate-600">
                        {' '}
                        · {user.deletedAt ? 'deleted' : 'deactivated'} {user.deprovisionedAt ? formatDateTime(user.deprovisionedAt) : ''}
                      </span>
                    </span>
                    <Permitted to="directory.manage">
                      <ReviewDecision directory={ref} user={{ id: user.id, label }} />
                    </Permitted>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {health.recentErrors.length ? (
          <div className="text-sm">
            <p className="font-medium text-red-900">Refused requests in the last 7 days:</p>
            <ul className="mt-1 space-y-1 text-slate-700" aria-label="Recent errors">
              {health.recentErrors.map((event) => (
                <li key={event.id} className="break-all">
                  {formatDateTime(event.occurredAt)} · {event.method} {event.path} · {event.status}
                  {event.error ? `: ${event.error}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-slate-700">No refused requests in the last 7 days.</p>
        )}
      </section>

      <section aria-labelledby="directory-tokens-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h3 id="directory-tokens-heading" className="font-semibold">
          Tokens
        </h3>
        <DataTable
          caption="The directory’s tokens"
          columns={[
            { label: 'Token' },
            { label: 'Created' },
            { label: 'Last used' },
            { label: 'Status' },
            { label: 'Actions', align: 'right' },
          ]}
        >
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="px-4 py-2 font-mono text-xs">{token.prefix}…</td>
              <td className="px-4 py-2">
                {formatDateTime(token.createdAt)}
                {token.createdBy ? <span className="block text-xs text-slate-600">by {token.createdBy}</span> : null}
              </td>
              <td className="px-4 py-2">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
              <td className="px-4 py-2">
                {token.revokedAt
                  ? `Revoked ${formatDateTime(token.revokedAt)}`
                  : !token.usable
                    ? `Expired ${formatDateTime(token.expiresAt!)}`
                    : token.expiresAt
                      ? `Works until ${formatDateTime(token.expiresAt)}`
                      : 'Active'}
              </td>
              <td className="px-4 py-2 text-right">
                {token.usable ? (
                  <Permitted to="directory.manage">
                    <RevokeTokenButton directory={ref} token={token} />
                  </Permitted>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
        {tokens.some((t) => t.usable) ? null : (
          <p className="text-sm text-red-800">No token works now: rotate to make one, and paste it into {provider.label}.</p>
        )}
        <Permitted to="directory.manage">
          <RotateTokenForm directory={ref} />
        </Permitted>
      </section>

      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <Permitted to="directory.manage" fallback={<ReadOnlyNote />}>
          <DirectorySettingsForm
            directory={ref}
            connections={connections}
            initial={{
              name: directory.name,
              provider: directory.provider as DirectoryProviderKey,
              ssoConnectionId: directory.ssoConnectionId ?? '',
              suspendOnDeprovision: directory.suspendOnDeprovision,
              staleAfterHours: directory.staleAfterHours,
            }}
          />
        </Permitted>
        <p className="mt-4 text-sm text-slate-700">{provider.groupsNote}</p>
      </div>
      <Permitted to="directory.manage">
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <OrganizationCreationForm
            directory={ref}
            enabled={directory.createOrganizations}
            approved={
              directory.createOrganizationsApprovedAt
                ? { at: directory.createOrganizationsApprovedAt, by: directory.createOrganizationsApprovedBy }
                : null
            }
          />
        </div>
      </Permitted>
      <Permitted to="directory.manage">
        <div className="rounded-lg border border-red-200 bg-white p-6">
          <h3 className="font-semibold">Delete the directory</h3>
          <p className="mt-1 text-sm text-slate-700">Stops provisioning. The members it provisioned stay members.</p>
          <div className="mt-3">
            <DeleteDirectory directory={ref} slug={organization.slug} name={directory.name} />
          </div>
        </div>
      </Permitted>
    </>
  );
}
