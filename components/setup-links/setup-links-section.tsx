import { Permitted } from '@/components/actions-context';
import { ReadOnlyNote } from '@/components/console/read-only-note';
import { CredentialStatus } from '@/components/ui/credential-status';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/lib/format';
import { SETUP_INTENTS, type SetupIntent } from '@/lib/setup-links/intents';
import { SETUP_LINKS_SHOWN, type SetupLinkRow } from '@/lib/setup-links/queries';
import { CreateSetupLinkForm, RevokeSetupLinkButton } from './setup-link-forms';

const DELIVERY: Record<string, string> = {
  queued: 'Email queued',
  sent: 'Email sent',
  failed: 'Email not sent',
  bounced: 'Email bounced',
};

/**
 * An organization's setup links: create one for its IT admin, and watch each one: whether it was
 * opened, what its visitor completed and when, and revoke it.
 */
export function SetupLinksSection({
  organization,
  links,
  total,
  now,
  initialIntents,
}: {
  organization: { id: string; name: string };
  links: SetupLinkRow[];
  total: number;
  now: Date;
  /** What the new link's form starts with ticked (a launch check's hand-off names one). */
  initialIntents: SetupIntent[];
}) {
  return (
    <section aria-labelledby="setup-links-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="setup-links-heading" className="text-lg font-semibold">
          Setup links
        </h2>
        <p className="text-sm text-slate-700">
          Hand domain verification, SSO and directory sync to {organization.name}’s IT admin. A link opens a guided page for this
          organization only, with no console access; everything done through it is in the audit log under the link.
        </p>
      </div>
      <Permitted to="setup_links.manage" fallback={<ReadOnlyNote />}>
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <CreateSetupLinkForm organizationId={organization.id} initialIntents={initialIntents} />
        </div>
      </Permitted>
      {links.length ? (
        <DataTable
          caption="Setup links"
          columns={[{ label: 'Link' }, { label: 'Status' }, { label: 'Opened' }, { label: 'Progress' }, { label: 'Actions' }]}
          footer={
            total > links.length ? (
              <p className="px-4 py-2 text-sm text-slate-700">
                The {SETUP_LINKS_SHOWN} newest of {total} links. Older ones are in the audit log.
              </p>
            ) : null
          }
        >
          {links.map((link) => {
            const label = link.sentTo ?? `created ${formatDateTime(link.createdAt)}`;
            return (
              <tr key={link.id} className="align-top">
                <td className="px-4 py-3">
                  <div className="font-medium">{link.sentTo ?? 'Copied link'}</div>
                  <div className="text-xs text-slate-700">
                    {link.intents.map((i) => SETUP_INTENTS[i].label).join(' · ')}
                    <br />
                    By {link.createdByEmail}, {formatDateTime(link.createdAt)}
                    {link.deliveryStatus ? (
                      <>
                        <br />
                        {DELIVERY[link.deliveryStatus] ?? link.deliveryStatus}
                        {link.deliveryError ? `: ${link.deliveryError}` : ''}
                      </>
                    ) : null}
                  </div>
                </td>
                <td className="px-4 py-3">
                  <CredentialStatus
                    status={link.status}
                    revokedAt={link.revokedAt}
                    revokedByEmail={link.revokedByEmail}
                    expiresAt={link.expiresAt}
                    now={now}
                  />
                </td>
                <td className="px-4 py-3 text-xs">
                  {link.openedAt ? (
                    <>
                      First {formatDateTime(link.openedAt)}
                      {link.lastOpenedAt && link.lastOpenedAt > link.openedAt ? (
                        <>
                          <br />
                          Last {formatDateTime(link.lastOpenedAt)}
                        </>
                      ) : null}
                    </>
                  ) : (
                    'Not opened yet'
                  )}
                </td>
                <td className="px-4 py-3">
                  <ul className="space-y-1 text-xs">
                    {link.progress.map((step) => (
                      <li key={step.intent}>
                        <span aria-hidden="true">{step.complete ? '✓ ' : step.reached ? '… ' : '○ '}</span>
                        <strong className="font-medium">{SETUP_INTENTS[step.intent].label}:</strong>{' '}
                        {step.reached
                          ? `${step.reached.label}${step.reached.target ? ` (${step.reached.target})` : ''}, ${formatDateTime(step.reached.at)}`
                          : 'not started'}
                        <span className="sr-only">{step.complete ? ', done' : ''}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-4 py-3 text-right">
                  {link.status === 'active' ? (
                    <Permitted to="setup_links.manage">
                      <RevokeSetupLinkButton organizationId={organization.id} linkId={link.id} label={label} />
                    </Permitted>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <EmptyState title="No setup links yet">
          <p>Create one above to let the organization’s IT admin verify domains and connect SSO or directory sync themselves.</p>
        </EmptyState>
      )}
    </section>
  );
}
