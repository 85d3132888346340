import Link from 'next/link';
import { Permitted } from '@/components/actions-context';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { NumberedPagination } from '@/components/ui/pagination';
import { SearchForm } from '@/components/ui/search-form';
import { formatDate, formatDateTime } from '@/lib/format';
import { canResend, canRevoke, describeExpiry } from '@/lib/invitations/policy';
import type { listInvitations } from '@/lib/invitations/queries';
import { INVITATION_STATUS_FILTERS, type InvitationStatusFilter } from '@/lib/invitations/schemas';
import { type DetailView, organizationSectionHref } from '@/lib/organizations/detail-view';
import { effectiveInvitationStatus } from '@/lib/organizations/state';
import { ResendInvitationButton, RevokeInvitationButton } from './invitation-actions';

const STATUS_LABELS = { pending: 'Pending', accepted: 'Accepted', revoked: 'Revoked', expired: 'Expired' } as const;
const FILTER_LABELS: Record<InvitationStatusFilter, string> = {
  all: 'All',
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};

type Data = Awaited<ReturnType<typeof listInvitations>>;

export function InvitationList({
  organizationId,
  slug,
  view,
  data,
  now,
}: {
  organizationId: string;
  slug: string;
  view: DetailView;
  data: Data;
  now: Date;
}) {
  const filter = view.invitations;
  const pageHref = (invitationsPage: number) => organizationSectionHref(slug, 'invitations', { ...view, invitationsPage });
  return (
    <div className="space-y-3">
      <SearchForm
        action={`/organizations/${slug}/invitations`}
        name="invitationSearch"
        id="invitation-search"
        label="Find invitations by email"
        defaultValue={view.invitationSearch}
        keep={{
          invitations: filter !== 'all' ? filter : undefined,
          membersPage: view.membersPage > 1 ? String(view.membersPage) : undefined,
        }}
        clearHref={organizationSectionHref(slug, 'invitations', { ...view, invitationSearch: '', invitationsPage: 1 })}
        className="max-w-md"
      />
      <nav aria-label="Filter invitations by status">
        <ul className="flex flex-wrap gap-2 text-sm">
          {INVITATION_STATUS_FILTERS.map((id) => (
            <li key={id}>
              <Link
                href={organizationSectionHref(slug, 'invitations', { ...view, invitations: id, invitationsPage: 1 })}
                aria-current={id === filter ? 'page' : undefined}
                className={`rounded-full border px-3 py-1 no-underline ${id === filter ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
              >
                {FILTER_LABELS[id]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.lastTest ? (
        <p className="text-sm text-slate-700">
          Test invitation last sent to {data.lastTest.email} on {formatDateTime(data.lastTest.createdAt)} (
          {data.lastTest.deliveryStatus === 'sent' ? 'delivered to the mail server' : data.lastTest.deliveryStatus}).
        </p>
      ) : null}
      {data.rows.length ? (
        <>
          <DataTable
            caption="Invitations"
            columns={[{ label: 'Email' }, { label: 'Role' }, { label: 'Status' }, { label: 'Delivery' }, { label: 'Actions' }]}
          >
            {data.rows.map((invitation) => {
              const status = effectiveInvitationStatus(invitation, now);
              return (
                <tr key={invitation.id} className="align-top">
                  <td className="px-4 py-3">{invitation.email}</td>
                  <td className="px-4 py-3">{invitation.roleRef.name}</td>
                  <td className="px-4 py-3">
                    <span className="font-medium">{STATUS_LABELS[status]}</span>
                    <span className="block text-xs text-slate-600">
                      {status === 'pending' || status === 'expired' ? describeExpiry(invitation.expiresAt, now) : null}
                      {status === 'accepted' && invitation.acceptedAt
                        ? `by ${invitation.acceptedBy?.email ?? invitation.email} on ${formatDate(invitation.acceptedAt)}`
                        : null}
                      {status === 'revoked' && invitation.revokedAt ? `on ${formatDate(invitation.revokedAt)}` : null}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    <span className="font-medium capitalize">{invitation.deliveryStatus}</span>
                    <span className="block text-xs text-slate-600">
                      {invitation.deliveryStatus === 'sent' && invitation.lastSentAt ? formatDateTime(invitation.lastSentAt) : null}
                    </span>
                    {invitation.deliveryError ? <span className="block text-xs text-red-800">{invitation.deliveryError}</span> : null}
                    <span className="block text-xs text-slate-600">
                      Sent {invitation.sendCount} {invitation.sendCount === 1 ? 'time' : 'times'}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    <Permitted to="invitations.manage" fallback={<span className="text-xs text-slate-600">None for your role</span>}>
                      <div className="flex flex-col gap-2">
                        {canResend(status) ? (
                          <>
                            <ResendInvitationButton organizationId={organizationId} invitationId={invitation.id} email={invitation.email} />
                            <span className="text-xs text-slate-600">
                              Resend only if they didn’t receive it. A resend replaces the link.
                            </span>
                          </>
                        ) : null}
                        {canRevoke(status) ? (
                          <RevokeInvitationButton organizationId={organizationId} invitationId={invitation.id} email={invitation.email} />
                        ) : null}
                      </div>
                    </Permitted>
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <NumberedPagination noun="Invitations" info={data.page} hrefFor={pageHref} />
        </>
      ) : view.invitationSearch ? (
        <EmptyState
          title={`No ${filter === 'all' ? '' : `${FILTER_LABELS[filter].toLowerCase()} `}invitations match “${view.invitationSearch}”`}
        >
          <p>Check the spelling, search for part of the address, or clear the search.</p>
        </EmptyState>
      ) : (
        <EmptyState title={filter === 'all' ? 'No invitations yet' : `No ${FILTER_LABELS[filter].toLowerCase()} invitations`}>
          <p>Invitations bring in the organization’s first operating team by email. Use the form above.</p>
        </EmptyState>
      )}
    </div>
  );
}
