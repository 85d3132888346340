'use server';

import { runOrganizationCommand } from '@/app/_actions/run-command';
import { changeMemberRoleCommand, reactivateMemberCommand, removeMemberCommand, suspendMemberCommand } from '@/lib/members/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function changeMemberRoleAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(changeMemberRoleCommand, form);
}

export async function suspendMemberAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(suspendMemberCommand, form);
}

export async function reactivateMemberAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(reactivateMemberCommand, form);
}

export async function removeMemberAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(removeMemberCommand, form);
}
