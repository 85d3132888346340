import { ConsoleInvitationActions, ConsoleUserActions, InviteConsoleUserForm } from '@/components/console/team';
import { DataTable } from '@/components/ui/data-table';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { loadTeam } from '@/lib/console/queries';
import { CONSOLE_ROLE_DESCRIPTIONS, CONSOLE_ROLE_LABELS, CONSOLE_ROLES } from '@/lib/console/roles';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { canRevoke, describeExpiry } from '@/lib/invitations/policy';
import {
  changeConsoleRoleAction,
  inviteConsoleUserAction,
  reactivateConsoleUserAction,
  removeConsoleUserAction,
  resendConsoleInvitationAction,
  revokeConsoleInvitationAction,
  suspendConsoleUserAction,
} from './actions';

export const metadata = { title: 'Team' };

const USER_ACTIONS = {
  changeRole: changeConsoleRoleAction,
  suspend: suspendConsoleUserAction,
  reactivate: reactivateConsoleUserAction,
  remove: removeConsoleUserAction,
};
const INVITATION_ACTIONS = { resend: resendConsoleInvitationAction, revoke: revokeConsoleInvitationAction };

const DELIVERY_WORDS = { queued: 'Queued', sent: 'Sent', failed: 'Failed', bounced: 'Bounced' } as const;

/** The console's own team: who may sign in to the console, with which console role. */
export default async function TeamPage() {
  const builder = await requireBuilderPage('/team');
  const now = new Date();
  const team = await loadTeam(await db(), now);
  const manage = hasPermission(builder, 'console.manage');
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Team</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          The people who sign in to this console. Console roles are separate from organization roles: a console invitation gives console
          access only, never membership of an organization.
        </p>
        <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
          {CONSOLE_ROLES.map((role) => (
            <li key={role}>
              <strong>{CONSOLE_ROLE_LABELS[role]}</strong>: {CONSOLE_ROLE_DESCRIPTIONS[role]}
            </li>
          ))}
        </ul>
        {manage ? null : (
          <p role="note" className="max-w-3xl rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
            You’re {builder.role === 'admin' ? 'an Admin' : 'a Viewer'} here. Only console owners invite console users and change their
            roles.
          </p>
        )}
      </header>

      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          Console users
        </h2>
        <DataTable
          caption="Console users"
          columns={[
            { label: 'Person' },
            { label: 'Console role' },
            { label: 'How' },
            { label: 'Last sign-in' },
            ...(manage ? [{ label: 'Actions' }] : []),
          ]}
        >
          {team.users.map((user) => {
            const fromVariable = user.source === 'bootstrap';
            return (
              <tr key={user.userId} className="align-top">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {user.email}
                  {user.userId === builder.userId ? <span className="ml-2 text-xs font-normal text-slate-600">(you)</span> : null}
                  {user.name ? <span className="block text-xs font-normal text-slate-600">{user.name}</span> : null}
                </th>
                <td className="px-4 py-3">
                  {user.role ? CONSOLE_ROLE_LABELS[user.role] : 'No access'}
                  {user.status === 'suspended' ? <span className="block text-xs font-semibold text-amber-800">Suspended</span> : null}
                </td>
                <td className="px-4 py-3">
                  {fromVariable
                    ? user.role
                      ? 'ADMIN_EMAILS'
                      : 'Was in ADMIN_EMAILS; no longer listed'
                    : `Invited${user.invitedByEmail ? ` by ${user.invitedByEmail}` : ''}`}
                </td>
                <td className="px-4 py-3">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}</td>
                {manage ? (
                  <td className="px-4 py-3">
                    {fromVariable && user.role ? (
                      <span className="text-xs text-slate-600">Set by ADMIN_EMAILS: change the variable to change this owner.</span>
                    ) : (
                      <ConsoleUserActions
                        userId={user.userId}
                        email={user.email}
                        role={user.role}
                        status={user.status}
                        isSelf={user.userId === builder.userId}
                        actions={USER_ACTIONS}
                      />
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
          {team.bootstrapAddresses.map((email) => (
            <tr key={email} className="align-top">
              <th scope="row" className="px-4 py-3 text-left font-medium">
                {email}
              </th>
              <td className="px-4 py-3">Owner</td>
              <td className="px-4 py-3">ADMIN_EMAILS</td>
              <td className="px-4 py-3">Never</td>
              {manage ? <td className="px-4 py-3 text-xs text-slate-600">Set by ADMIN_EMAILS</td> : null}
            </tr>
          ))}
        </DataTable>
        {team.bootstrapDomains.length ? (
          <p className="text-sm text-slate-700">
            ADMIN_EMAILS also admits anyone at {team.bootstrapDomains.map((domain) => `@${domain}`).join(', ')} as an owner when they sign
            in.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          Console invitations
        </h2>
        {team.invitations.length ? (
          <DataTable
            caption="Console invitations"
            columns={[
              { label: 'Address' },
              { label: 'Console role' },
              { label: 'Status' },
              { label: 'Delivery' },
              ...(manage ? [{ label: 'Actions' }] : []),
            ]}
          >
            {team.invitations.map((invitation) => (
              <tr key={invitation.id} className="align-top">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {invitation.email}
                  {invitation.invitedByEmail ? (
                    <span className="block text-xs font-normal text-slate-600">Invited by {invitation.invitedByEmail}</span>
                  ) : null}
                </th>
                <td className="px-4 py-3">{CONSOLE_ROLE_LABELS[invitation.role]}</td>
                <td className="px-4 py-3">
                  {invitation.status === 'pending' ? 'Pending' : 'Expired'}
                  <span className="block text-xs text-slate-600">{describeExpiry(invitation.expiresAt, now)}</span>
                </td>
                <td className="px-4 py-3">
                  {DELIVERY_WORDS[invitation.deliveryStatus]}
                  {invitation.deliveryError ? <span className="block text-xs text-red-800">{invitation.deliveryError}</span> : null}
                </td>
                {manage ? (
                  <td className="px-4 py-3">
                    <ConsoleInvitationActions
                      invitationId={invitation.id}
                      email={invitation.email}
                      canRevoke={canRevoke(invitation.status)}
                      actions={INVITATION_ACTIONS}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-600">No console invitation is waiting.</p>
        )}
      </section>

      {manage ? (
        <section aria-labelledby="invite-heading" className="space-y-3">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone to the console
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">
            They get an email with a link. Accepting gives them console access with the role you choose; they then sign in with their own
            email link. Start with Viewer and raise it when they need more.
          </p>
          <InviteConsoleUserForm action={inviteConsoleUserAction} />
        </section>
      ) : null}
    </div>
  );
}
