import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { acceptConsoleInvitation } from './accept';
import {
  changeConsoleRole,
  inviteConsoleUser,
  reactivateConsoleUser,
  removeConsoleUser,
  resendConsoleInvitation,
  revokeConsoleInvitation,
  suspendConsoleUser,
} from './mutations';
import {
  acceptConsoleInvitationSchema,
  changeConsoleRoleSchema,
  consoleInvitationRefSchema,
  consoleUserRefSchema,
  inviteConsoleUserSchema,
} from './schemas';

/** The console team's commands: only console owners hold `console.manage`. */
export const inviteConsoleUserCommand = defineCommand({
  name: 'console.invite',
  schema: inviteConsoleUserSchema,
  permission: 'console.manage',
  handler: async (context, input) => inviteConsoleUser(await db(), context, input),
});

export const resendConsoleInvitationCommand = defineCommand({
  name: 'console.resend_invitation',
  schema: consoleInvitationRefSchema,
  permission: 'console.manage',
  handler: async (context, input) => resendConsoleInvitation(await db(), context, input),
});

export const revokeConsoleInvitationCommand = defineCommand({
  name: 'console.revoke_invitation',
  schema: consoleInvitationRefSchema,
  permission: 'console.manage',
  handler: async (context, input) => revokeConsoleInvitation(await db(), context, input),
});

export const changeConsoleRoleCommand = defineCommand({
  name: 'console.change_role',
  schema: changeConsoleRoleSchema,
  permission: 'console.manage',
  handler: async (context, input) => changeConsoleRole(await db(), context, input),
});

export const suspendConsoleUserCommand = defineCommand({
  name: 'console.suspend',
  schema: consoleUserRefSchema,
  permission: 'console.manage',
  handler: async (context, input) => suspendConsoleUser(await db(), context, input),
});

export const reactivateConsoleUserCommand = defineCommand({
  name: 'console.reactivate',
  schema: consoleUserRefSchema,
  permission: 'console.manage',
  handler: async (context, input) => reactivateConsoleUser(await db(), context, input),
});

export const removeConsoleUserCommand = defineCommand({
  name: 'console.remove',
  schema: consoleUserRefSchema,
  permission: 'console.manage',
  handler: async (context, input) => removeConsoleUser(await db(), context, input),
});

/** Accepting a console invitation, from its page's POST: the token is the authority. */
export const acceptConsoleInvitationCommand = defineCommand({
  name: 'console.accept_invitation',
  schema: acceptConsoleInvitationSchema,
  permission: 'invitations.accept',
  handler: async (context, input) =>
    acceptConsoleInvitation(
      await db(),
      input.token,
      context.principal.kind === 'invitation_link' ? context.principal.email : null,
      context.now,
      context.request,
    ),
});
