import { builderCommand } from '@/lib/actions/run';
import { db } from '@/lib/db/client';
import { createInvitations, resendInvitation, reviewInvitations, revokeInvitation, sendTestInvitation } from './mutations';
import { invitationRefSchema, reviewInvitationsSchema, sendInvitationsSchema, testInvitationSchema } from './schemas';

/** Builder commands for invitations: the logic behind each server action. */
export const reviewInvitationsCommand = builderCommand(reviewInvitationsSchema, async (input) =>
  reviewInvitations(await db(), input, new Date()),
);

export const sendInvitationsCommand = builderCommand(sendInvitationsSchema, async (input, actor) =>
  createInvitations(await db(), actor, input, new Date()),
);

export const sendTestInvitationCommand = builderCommand(testInvitationSchema, async (input, actor) =>
  sendTestInvitation(await db(), actor, input, new Date()),
);

export const resendInvitationCommand = builderCommand(invitationRefSchema, async (input) =>
  resendInvitation(await db(), input, new Date()),
);

export const revokeInvitationCommand = builderCommand(invitationRefSchema, async (input) =>
  revokeInvitation(await db(), input, new Date()),
);
