import { Permitted } from '@/components/actions-context';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import type { RoleKey } from '@/lib/access/roles';
import { verificationRecord } from '@/lib/domains/normalize';
import { formatDate } from '@/lib/format';
import { AddDomainForm, AutoJoinPanel, IncludeSubdomainsForm, RemoveDomainButton, VerifyNowButton } from './domain-forms';

type Domain = {
  id: string;
  name: string;
  displayName: string;
  status: 'pending' | 'verified' | 'failed';
  includeSubdomains: boolean;
  verificationToken: string | null;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheckResult: string | null;
  dependents: string[];
};

const STATUS = {
  pending: { label: 'Pending verification', className: 'bg-amber-50 text-amber-900 ring-amber-300' },
  verified: { label: 'Verified', className: 'bg-emerald-50 text-emerald-900 ring-emerald-300' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-900 ring-red-300' },
};

export function DomainsSection({
  organization,
  domains,
  setup = false,
}: {
  /** On a setup link's page: add and verify only (no removal, subdomain switch or auto-join). */
  setup?: boolean;
  organization: {
    id: string;
    autoJoinEnabled: boolean;
    autoJoinRole: RoleKey;
    autoJoinRoleRef: { name: string };
    autoJoinApprovedBy: string | null;
    autoJoinApprovedAt: Date | null;
  };
  domains: Domain[];
}) {
  const verified = domains.filter((d) => d.status === 'verified').map((d) => d.name);
  return (
    <section aria-labelledby="domains-heading" className="space-y-4">
      <h2 id="domains-heading" className="text-lg font-semibold">
        Domains <span className="text-sm font-normal text-slate-600">({domains.length})</span>
      </h2>
      <Permitted to="domains.manage" fallback={<ReadOnlyNote />}>
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <AddDomainForm organizationId={organization.id} />
        </div>
      </Permitted>
      {domains.length ? (
        <ul className="space-y-3" aria-label="Organization domains">
          {domains.map((domain) => {
            const record = domain.verificationToken ? verificationRecord(domain.name, domain.verificationToken) : null;
            return (
              <li key={domain.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={domain.name}>
                <div className="flex flex-wrap items-center gap-3">
                  <h3 className="font-semibold">{domain.displayName || domain.name}</h3>
                  {domain.displayName && domain.displayName !== domain.name ? (
                    <span className="font-mono text-xs text-slate-600">{domain.name}</span>
                  ) : null}
                  <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS[domain.status].className}`}>
                    {STATUS[domain.status].label}
                  </span>
                  {domain.status === 'verified' && domain.verifiedAt ? (
                    <span className="text-xs text-slate-600">since {formatDate(domain.verifiedAt)}</span>
                  ) : null}
                  {domain.dependents.includes('auto_join') ? <span className="text-xs text-slate-700">Auto-join depends on it</span> : null}
                  {domain.dependents.includes('sso') ? <span className="text-xs text-slate-700">SSO depends on it</span> : null}
                </div>
                {record ? (
                  <div className="rounded-md bg-slate-50 p-3 text-sm">
                    <p className="mb-2 text-slate-700">
                      {domain.status === 'verified'
                        ? 'Keep this TXT record in place: the domain is re-checked daily.'
                        : 'Create this TXT record at the domain’s DNS provider, then choose Verify now.'}
                    </p>
                    <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-2">
                      <dt className="font-medium">Name</dt>
                      <dd className="break-all font-mono text-xs">{record.name}</dd>
                      <dd>
                        <CopyButton value={record.name} label={`Copy the record name for ${domain.name}`} />
                      </dd>
                      <dt className="font-medium">Value</dt>
                      <dd className="break-all font-mono text-xs">{record.value}</dd>
                      <dd>
                        <CopyButton value={record.value} label={`Copy the record value for ${domain.name}`} />
                      </dd>
                    </dl>
                  </div>
                ) : null}
                {domain.lastCheckResult ? (
                  <p className="text-sm text-slate-700">
                    Last check{domain.lastCheckedAt ? ` (${formatDate(domain.lastCheckedAt)})` : ''}: {domain.lastCheckResult}
                  </p>
                ) : domain.status === 'verified' && domain.verifiedAt ? (
                  <p className="text-sm text-slate-700">Verified on {formatDate(domain.verifiedAt)}.</p>
                ) : (
                  <p className="text-sm text-slate-700">Not checked yet. The background checker retries pending domains with backoff.</p>
                )}
                <Permitted to="domains.manage">
                  <div className="flex flex-wrap items-start gap-6">
                    <VerifyNowButton organizationId={organization.id} domainId={domain.id} name={domain.name} />
                    {setup ? null : (
                      <>
                        <IncludeSubdomainsForm
                          organizationId={organization.id}
                          domainId={domain.id}
                          name={domain.name}
                          includeSubdomains={domain.includeSubdomains}
                        />
                        <RemoveDomainButton organizationId={organization.id} domainId={domain.id} name={domain.name} />
                      </>
                    )}
                  </div>
                </Permitted>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState title="No domains yet">
          <p>
            Add the organization’s email domain and prove it with a DNS record. SSO, directory sync and auto-join rely on verified domains.
          </p>
        </EmptyState>
      )}
      {setup ? null : (
        /* biome-ignore lint/a11y/useSemanticElements: a named group of controls that is not a fieldset of one form */
        <div className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="auto-join-heading" role="group">
          <h3 id="auto-join-heading" className="mb-3 font-semibold">
            Auto-join
          </h3>
          <Permitted
            to="auto_join.manage"
            fallback={
              <p className="text-sm text-slate-700">
                {organization.autoJoinEnabled
                  ? `On: people at a verified domain join as ${organization.autoJoinRoleRef.name} when they sign in.`
                  : 'Off: people join by invitation only.'}
              </p>
            }
          >
            <AutoJoinPanel
              organizationId={organization.id}
              enabled={organization.autoJoinEnabled}
              role={organization.autoJoinRole}
              roleName={organization.autoJoinRoleRef.name}
              approvedBy={organization.autoJoinApprovedBy}
              approvedAt={organization.autoJoinApprovedAt ? formatDate(organization.autoJoinApprovedAt) : null}
              verifiedDomains={verified}
            />
          </Permitted>
        </div>
      )}
    </section>
  );
}
