'use server';

import { redirect } from 'next/navigation';
import { runConsoleCommand, type runFormCommand } from '@/app/_actions/run-command';
import {
  createApplicationCommand,
  deleteApplicationCommand,
  rotateApplicationSecretCommand,
  rotateSigningKeyCommand,
  updateApplicationCommand,
} from '@/lib/oidc/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

function run(command: Parameters<typeof runFormCommand>[0], form: FormData) {
  return runConsoleCommand(command, form, '/applications');
}

export async function createApplicationAction(_previous: Previous, form: FormData) {
  return run(createApplicationCommand, form);
}

export async function updateApplicationAction(_previous: Previous, form: FormData) {
  return run(updateApplicationCommand, form);
}

export async function rotateApplicationSecretAction(_previous: Previous, form: FormData) {
  return run(rotateApplicationSecretCommand, form);
}

export async function rotateSigningKeyAction(_previous: Previous, form: FormData) {
  return run(rotateSigningKeyCommand, form);
}

export async function deleteApplicationAction(_previous: Previous, form: FormData) {
  const result = await run(deleteApplicationCommand, form);
  if (result.ok) redirect('/applications?deleted=1');
  return result;
}
