'use client';

import { useActionState, useEffect, useState } from 'react';
import { RoleSelect } from '@/components/access/role-select';
import { useOrganizationActions } from '@/components/actions-context';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import type { RoleSummary } from '@/lib/access/queries';
import type { RoleKey } from '@/lib/access/roles';
import { ADDRESS_LIST_MAX_CHARS, ADDRESS_LIST_TOO_LONG, INVITATION_LIFETIME_DAYS, MAX_ADDRESSES_PER_BATCH } from '@/lib/invitations/policy';
import { REVIEW_STATUS_LABELS, REVIEW_WARNING_LABELS, type ReviewRow } from '@/lib/invitations/review';
import { failureOf } from '@/lib/result';

type Props = { organizationId: string; slug: string; builderEmail: string; roles: RoleSummary[] };

export function InviteMembersForm({ organizationId, slug, builderEmail, roles }: Props) {
  const [addresses, setAddresses] = useState('');
  const [role, setRole] = useState<RoleKey>('member');
  const roleLabel = roles.find((r) => r.key === role)?.name ?? role;
  const [days, setDays] = useState(String(INVITATION_LIFETIME_DAYS.default));
  const actions = useOrganizationActions();
  const [review, reviewAction] = useActionState(actions.reviewInvitations, null);
  const [sent, sendAction] = useActionState(actions.sendInvitations, null);
  const [test, testAction] = useActionState(actions.sendTestInvitation, null);
  const [reviewedAt, setReviewedAt] = useState<string | null>(null);
  const [tooLong, setTooLong] = useState(false);

  // Once sent, start afresh: the list is cleared and the review closes.
  useEffect(() => {
    if (sent?.ok) {
      setAddresses('');
      setReviewedAt(null);
    }
  }, [sent]);

  const reviewFailure = failureOf(review);
  const addressErrors = tooLong ? [ADDRESS_LIST_TOO_LONG] : reviewFailure?.fieldErrors?.addresses;
  const rows: ReviewRow[] | null = review?.ok && reviewedAt === addresses ? (review.data as { rows: ReviewRow[] }).rows : null;
  const sentOk = sent?.ok ? (sent.data as { sent: string[] }).sent : null;
  const readyCount = rows?.filter((row) => row.status === 'ready' && row.warnings.length === 0).length ?? 0;
  const warnedCount = rows?.filter((row) => row.status === 'ready' && row.warnings.length > 0).length ?? 0;
  const previewHref = `/organizations/${slug}/invitations/preview?role=${encodeURIComponent(role)}&days=${encodeURIComponent(days)}`;

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h3 className="text-base font-semibold">Invite members</h3>
      <form
        action={(form) => {
          const list = String(form.get('addresses') ?? '');
          // Refused here, before it travels: the server would answer the same.
          if (list.length > ADDRESS_LIST_MAX_CHARS) {
            setTooLong(true);
            return;
          }
          setTooLong(false);
          setReviewedAt(list);
          reviewAction(form);
        }}
        className="space-y-4"
        noValidate
      >
        <input type="hidden" name="organizationId" value={organizationId} />
        <div>
          <label htmlFor="invite-addresses" className="block text-sm font-medium">
            Email addresses
          </label>
          <p id="invite-addresses-hint" className="mt-1 text-sm text-slate-600">
            One address, or paste many separated by commas or new lines, or a CSV with an “email” column (up to {MAX_ADDRESSES_PER_BATCH}).
            You’ll review each address before anything is sent.
          </p>
          <textarea
            id="invite-addresses"
            name="addresses"
            rows={4}
            value={addresses}
            onChange={(event) => setAddresses(event.target.value)}
            aria-describedby={`invite-addresses-hint${addressErrors ? ' invite-addresses-error' : ''}`}
            aria-invalid={addressErrors ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          <FieldError id="invite-addresses-error" errors={addressErrors} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <RoleSelect id="invite-role" label="Role" value={role} onChange={setRole} roles={roles} describeChoice />
          <TextField
            id="invite-days"
            name="expiresInDays"
            label="Expires after (days)"
            hint={`${INVITATION_LIFETIME_DAYS.min}–${INVITATION_LIFETIME_DAYS.max} days; ${INVITATION_LIFETIME_DAYS.default} by default.`}
            errors={reviewFailure?.fieldErrors?.expiresInDays}
            type="number"
            inputMode="numeric"
            min={INVITATION_LIFETIME_DAYS.min}
            max={INVITATION_LIFETIME_DAYS.max}
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </div>
        <FormMessage result={reviewFailure && !reviewFailure.fieldErrors ? reviewFailure : null} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pendingLabel="Reviewing…">Review addresses</SubmitButton>
          <a href={previewHref} target="_blank" rel="noopener">
            Preview the email
          </a>
        </div>
      </form>

      {rows ? (
        <form action={sendAction} className="space-y-3 border-t border-slate-200 pt-4">
          <h4 className="font-semibold">Review before sending</h4>
          <input type="hidden" name="organizationId" value={organizationId} />
          <input type="hidden" name="addresses" value={addresses} />
          <input type="hidden" name="role" value={role} />
          <input type="hidden" name="expiresInDays" value={days} />
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Addresses to invite</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Address
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Check
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Send
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a pasted list may repeat an entry, and the review shows each line
                  <tr key={`${row.input}-${index}`}>
                    <td className="px-3 py-2 font-mono text-xs">{row.address ?? row.input}</td>
                    <td className="px-3 py-2">
                      <span
                        className={
                          row.status !== 'ready'
                            ? 'font-medium text-red-800'
                            : row.warnings.length
                              ? 'font-medium text-amber-800'
                              : 'font-medium text-emerald-800'
                        }
                      >
                        {row.status === 'ready' && row.warnings.length ? 'Ready, with a warning' : REVIEW_STATUS_LABELS[row.status]}
                      </span>
                      {row.reason ? <span className="block text-xs text-slate-700">{row.reason}</span> : null}
                      {row.warnings.map((warning) => (
                        <span key={warning} className="block text-xs text-amber-800">
                          Warning: {REVIEW_WARNING_LABELS[warning]}
                        </span>
                      ))}
                    </td>
                    <td className="px-3 py-2">
                      {row.status !== 'ready' ? (
                        <span className="text-xs text-slate-600">Not sent</span>
                      ) : row.warnings.length ? (
                        <label className="flex items-center gap-2 text-xs">
                          <input type="checkbox" name="confirm[]" value={row.address!} /> Send anyway
                        </label>
                      ) : (
                        <span className="text-xs text-emerald-800">Will be sent</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-sm text-slate-700">
            They’ll be invited as <strong>{roleLabel}</strong>, and each link expires after{' '}
            <strong>
              {days} day{days === '1' ? '' : 's'}
            </strong>
            .
          </p>
          <p className="text-sm text-slate-700">
            {readyCount} ready{warnedCount ? `, ${warnedCount} with warnings (tick “Send anyway” to include them)` : ''}. Only these are
            sent.
          </p>
          <FormMessage result={failureOf(sent)} />
          <SubmitButton pendingLabel="Sending…">Send invitations</SubmitButton>
        </form>
      ) : null}
      {sentOk ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {sentOk.length === 1 ? `Invitation queued for ${sentOk[0]}.` : `${sentOk.length} invitations queued.`} Delivery status shows in
          the list below.
        </p>
      ) : null}

      <form action={testAction} className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="role" value={role} />
        <input type="hidden" name="expiresInDays" value={days} />
        <p className="text-sm text-slate-700">Before a larger rollout, send yourself the same email, marked as a test ({builderEmail}).</p>
        <SubmitButton variant="secondary" pendingLabel="Sending test…">
          Send a test invitation to me
        </SubmitButton>
        {test?.ok ? (
          <p role="status" className="text-sm text-green-800">
            Test invitation queued for {builderEmail}.
          </p>
        ) : (
          <FormMessage result={failureOf(test)} />
        )}
      </form>
    </div>
  );
}
