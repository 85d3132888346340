'use server';

import { runOrganizationCommand } from '@/app/_actions/run-command';
import { checkLaunchNowCommand, markLaunchedCommand } from '@/lib/organizations/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function markLaunchedAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(markLaunchedCommand, form);
}

/** One step of "Check now"; the page runs the steps one after another and shows each. */
export async function checkLaunchNowAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(checkLaunchNowCommand, form);
}
