'use server';

import { runFormCommand, runOrganizationCommand } from '@/app/_actions/run-command';
import {
  reinviteCommand,
  resendExpiredInvitationsCommand,
  resendInvitationCommand,
  reviewInvitationsCommand,
  revokeInvitationCommand,
  sendInvitationsCommand,
  sendTestInvitationCommand,
} from '@/lib/invitations/commands';
import type { Result } from '@/lib/result';
import { kickJobs } from '@/lib/scheduler';

type Previous = Result<unknown> | null;

export async function reviewInvitationsAction(_previous: Previous, form: FormData) {
  return runFormCommand(reviewInvitationsCommand, form);
}

// Mail goes out now rather than at the scheduler's next tick.
export async function sendInvitationsAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(sendInvitationsCommand, form, kickJobs);
}

export async function sendTestInvitationAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(sendTestInvitationCommand, form, kickJobs);
}

export async function resendInvitationAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(resendInvitationCommand, form, kickJobs);
}

export async function revokeInvitationAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(revokeInvitationCommand, form);
}

export async function resendExpiredInvitationsAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(resendExpiredInvitationsCommand, form, kickJobs);
}

export async function reinviteAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(reinviteCommand, form, kickJobs);
}
