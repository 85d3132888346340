'use server';

import { runOrganizationCommand } from '@/app/_actions/run-command';
import type { Result } from '@/lib/result';
import { createSetupLinkCommand, revokeSetupLinkCommand } from '@/lib/setup-links/commands';

type Previous = Result<unknown> | null;

export async function createSetupLinkAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(createSetupLinkCommand, form);
}

export async function revokeSetupLinkAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(revokeSetupLinkCommand, form);
}
