'use server';

import { revalidatePath } from 'next/cache';
import { runFormCommand } from '@/app/_actions/run-command';
import type { Command } from '@/lib/commands/define';
import {
  changeConsoleRoleCommand,
  inviteConsoleUserCommand,
  reactivateConsoleUserCommand,
  removeConsoleUserCommand,
  resendConsoleInvitationCommand,
  revokeConsoleInvitationCommand,
  suspendConsoleUserCommand,
} from '@/lib/console/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

// biome-ignore lint/suspicious/noExplicitAny: any command's schema and result
async function runTeamCommand(command: Command<any, unknown>, form: FormData) {
  const result = await runFormCommand(command, form);
  if (result.ok) revalidatePath('/team');
  return result;
}

export async function inviteConsoleUserAction(_previous: Previous, form: FormData) {
  return runTeamCommand(inviteConsoleUserCommand, form);
}
export async function resendConsoleInvitationAction(_previous: Previous, form: FormData) {
  return runTeamCommand(resendConsoleInvitationCommand, form);
}
export async function revokeConsoleInvitationAction(_previous: Previous, form: FormData) {
  return runTeamCommand(revokeConsoleInvitationCommand, form);
}
export async function changeConsoleRoleAction(_previous: Previous, form: FormData) {
  return runTeamCommand(changeConsoleRoleCommand, form);
}
export async function suspendConsoleUserAction(_previous: Previous, form: FormData) {
  return runTeamCommand(suspendConsoleUserCommand, form);
}
export async function reactivateConsoleUserAction(_previous: Previous, form: FormData) {
  return runTeamCommand(reactivateConsoleUserCommand, form);
}
export async function removeConsoleUserAction(_previous: Previous, form: FormData) {
  return runTeamCommand(removeConsoleUserCommand, form);
}
