'use server';

import { runOrganizationCommand } from '@/app/_actions/run-command';
import {
  addDomainCommand,
  disableAutoJoinCommand,
  enableAutoJoinCommand,
  includeSubdomainsCommand,
  removeDomainCommand,
  verifyDomainCommand,
} from '@/lib/domains/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function addDomainAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(addDomainCommand, form);
}

export async function verifyDomainAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(verifyDomainCommand, form);
}

export async function removeDomainAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(removeDomainCommand, form);
}

export async function includeSubdomainsAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(includeSubdomainsCommand, form);
}

export async function enableAutoJoinAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(enableAutoJoinCommand, form);
}

export async function disableAutoJoinAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(disableAutoJoinCommand, form);
}
