'use server';

import { runOrganizationCommand } from '@/app/_actions/run-command';
import {
  addGroupMemberCommand,
  createGroupCommand,
  deleteGroupCommand,
  removeGroupMemberCommand,
  updateGroupCommand,
} from '@/lib/groups/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function createGroupAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(createGroupCommand, form);
}

export async function updateGroupAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(updateGroupCommand, form);
}

export async function deleteGroupAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(deleteGroupCommand, form);
}

export async function addGroupMemberAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(addGroupMemberCommand, form);
}

export async function removeGroupMemberAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(removeGroupMemberCommand, form);
}
