import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { formatLongDateTime } from '@/lib/format';
import type { AttemptDetail } from '@/lib/sso/queries';

const colonHex = (fingerprint: string) => fingerprint.match(/.{2}/g)!.join(':').toUpperCase();

/** A sign-in attempt: on success what arrived and what it would give; on failure the check, expected, received and the fix. */
export function AttemptResult({
  organization,
  connection,
  attempt,
  back = null,
}: {
  organization: { slug: string };
  connection: { id: string; name: string; certificates: { fingerprint: string; notAfter: Date }[] };
  attempt: { occurredAt: Date; test: boolean; outcome: string; subject: string | null; email: string | null; detail: AttemptDetail };
  /** Outside the console (a setup link's page): where "back" goes, and no console breadcrumbs. */
  back?: { href: string; label: string } | null;
}) {
  const base = `/organizations/${organization.slug}/sso/${connection.id}`;
  const { detail } = attempt;
  const success = attempt.outcome === 'success';
  const certificate = detail.certificateFingerprint
    ? connection.certificates.find((c) => c.fingerprint === detail.certificateFingerprint)
    : undefined;
  return (
    <div className="space-y-6">
      {back ? null : (
        <nav aria-label="SSO sign-in result" className="text-sm">
          <Link href={`/organizations/${organization.slug}/sso`}>Single sign-on</Link> <span aria-hidden="true">/</span>{' '}
          <Link href={base}>{connection.name}</Link> <span aria-hidden="true">/</span> {attempt.test ? 'Test result' : 'Sign-in attempt'}
        </nav>
      )}
      <section aria-labelledby="result-heading" className="space-y-4">
        <h2 id="result-heading" className="text-lg font-semibold">
          {success
            ? attempt.test
              ? 'Test sign-in succeeded'
              : 'Sign-in succeeded'
            : `${attempt.test ? 'Test sign-in' : 'Sign-in'} failed: ${detail.check ?? attempt.outcome}`}
        </h2>
        <p className="text-sm text-slate-700">
          {formatLongDateTime(attempt.occurredAt)} · code <code>{attempt.outcome}</code>
        </p>
        {success ? (
          <>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
              <dt className="font-medium">Subject (NameID)</dt>
              <dd className="break-all">{attempt.subject}</dd>
              <dt className="font-medium">Email</dt>
              <dd className="break-all">{attempt.email ?? 'Not sent'}</dd>
              <dt className="font-medium">Name</dt>
              <dd>{[detail.firstName, detail.lastName].filter(Boolean).join(' ') || 'Not sent'}</dd>
              <dt className="font-medium">Groups</dt>
              <dd>{detail.groups?.length ? detail.groups.join(', ') : 'None sent'}</dd>
              <dt className="font-medium">Signature verified by</dt>
              <dd className="break-all font-mono text-xs">
                {detail.certificateFingerprint ? `SHA-256 ${colonHex(detail.certificateFingerprint)}` : '—'}
                {certificate ? '' : detail.certificateFingerprint ? ' (no longer trusted by this connection)' : ''}
              </dd>
              <dt className="font-medium">Clock difference</dt>
              <dd>
                {detail.clockDifferenceMs !== undefined
                  ? `${Math.abs(Math.round(detail.clockDifferenceMs / 1000))} s ${detail.clockDifferenceMs >= 0 ? 'ahead of' : 'behind'} Orgdesk (measured from the assertion’s issue time)`
                  : '—'}
              </dd>
              <dt className="font-medium">Role it would give</dt>
              <dd>
                {detail.role ?? '—'}{' '}
                {detail.roleMapping
                  ? `(from the mapping of the group ${detail.roleMapping})`
                  : '(no group mapping matched: the least privileged role)'}
              </dd>
            </dl>
            {detail.attributes && Object.keys(detail.attributes).length ? (
              <DataTable caption="Attributes received" columns={[{ label: 'Attribute' }, { label: 'Values' }]}>
                {Object.entries(detail.attributes).map(([name, values]) => (
                  <tr key={name}>
                    <th scope="row" className="break-all px-4 py-2 text-left font-mono text-xs font-normal">
                      {name}
                    </th>
                    <td className="break-all px-4 py-2">{values.join(', ')}</td>
                  </tr>
                ))}
              </DataTable>
            ) : (
              <p className="text-sm text-slate-700">No attributes were sent.</p>
            )}
          </>
        ) : (
          <div className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-950">
            <p>{detail.message}</p>
            {detail.expected || detail.received ? (
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="font-medium">Expected</dt>
                <dd className="break-all font-mono text-xs">{detail.expected ?? '—'}</dd>
                <dt className="font-medium">Received</dt>
                <dd className="break-all font-mono text-xs">{detail.received ?? '—'}</dd>
              </dl>
            ) : null}
            {detail.fix ? (
              <p>
                <strong>How to fix it:</strong> {detail.fix}
              </p>
            ) : null}
          </div>
        )}
        <p className="text-sm">
          <Link href={back?.href ?? base}>{back?.label ?? `Back to ${connection.name}`}</Link>
        </p>
      </section>
    </div>
  );
}
