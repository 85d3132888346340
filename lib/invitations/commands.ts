import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { createInvitations, resendInvitation, reviewInvitations, revokeInvitation, sendTestInvitation } from './mutations';
import { invitationRefSchema, reviewInvitationsSchema, sendInvitationsSchema, testInvitationSchema } from './schemas';

/** Invitation commands: declared once, called by server actions today and the API later. */
export const reviewInvitationsCommand = defineCommand({
  name: 'invitations.review',
  schema: reviewInvitationsSchema,
  permission: 'invitations.send',
  handler: async (context, input) => reviewInvitations(await db(), context, input),
});

export const sendInvitationsCommand = defineCommand({
  name: 'invitations.send',
  schema: sendInvitationsSchema,
  permission: 'invitations.send',
  handler: async (context, input) => createInvitations(await db(), context, input),
});

export const sendTestInvitationCommand = defineCommand({
  name: 'invitations.send_test',
  schema: testInvitationSchema,
  permission: 'invitations.send',
  handler: async (context, input) => sendTestInvitation(await db(), context, input),
});

export const resendInvitationCommand = defineCommand({
  name: 'invitations.resend',
  schema: invitationRefSchema,
  permission: 'invitations.manage',
  handler: async (context, input) => resendInvitation(await db(), context, input),
});

export const revokeInvitationCommand = defineCommand({
  name: 'invitations.revoke',
  schema: invitationRefSchema,
  permission: 'invitations.manage',
  handler: async (context, input) => revokeInvitation(await db(), context, input),
});
