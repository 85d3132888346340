import { z } from 'zod';
import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { organizationRefSchema } from '@/lib/organizations/schemas';
import { acceptInvitation } from './accept';
import {
  createInvitations,
  reinviteAtNewAddress,
  resendExpiredInvitations,
  resendInvitation,
  reviewInvitations,
  revokeInvitation,
  sendTestInvitation,
} from './mutations';
import { invitationRefSchema, reinviteSchema, reviewInvitationsSchema, sendInvitationsSchema, testInvitationSchema } from './schemas';

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

export const resendExpiredInvitationsCommand = defineCommand({
  name: 'invitations.resend_expired',
  schema: organizationRefSchema,
  permission: 'invitations.manage',
  handler: async (context, input) => resendExpiredInvitations(await db(), context, input),
});

export const reinviteCommand = defineCommand({
  name: 'invitations.reinvite',
  schema: reinviteSchema,
  permission: 'invitations.send',
  handler: async (context, input) => reinviteAtNewAddress(await db(), context, input),
});

/**
 * Accepting, from the invitation page's POST. The token is the authority; the principal says who
 * is signed in, if anyone, so a visitor signed in as someone else is refused.
 */
export const acceptInvitationCommand = defineCommand({
  name: 'invitations.accept',
  schema: z.object({ token: z.string().max(200) }),
  permission: 'invitations.accept',
  handler: async (context, input) =>
    acceptInvitation(
      await db(),
      input.token,
      context.principal.kind === 'invitation_link' ? context.principal.email : null,
      context.now,
      context.request,
    ),
});
