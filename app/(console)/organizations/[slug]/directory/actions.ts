'use server';

import { redirect } from 'next/navigation';
import { runFormCommand, runOrganizationCommand } from '@/app/_actions/run-command';
import { previewRoleMappingsCommand, saveRoleMappingsCommand } from '@/lib/access/commands';
import {
  createDirectoryCommand,
  deleteDirectoryCommand,
  reviewDeprovisionedUserCommand,
  revokeDirectoryTokenCommand,
  rotateDirectoryTokenCommand,
  setOrganizationCreationCommand,
  updateDirectoryCommand,
} from '@/lib/directory/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

/**
 * Creates the directory. The page is not refreshed here: the answer carries the token, which the
 * form shows once, and the builder moves on to the setup when they have stored it.
 */
export async function createDirectoryAction(_previous: Previous, form: FormData) {
  return runFormCommand(createDirectoryCommand, form);
}

export async function rotateDirectoryTokenAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(rotateDirectoryTokenCommand, form);
}

export async function revokeDirectoryTokenAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(revokeDirectoryTokenCommand, form);
}

export async function updateDirectoryAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(updateDirectoryCommand, form);
}

export async function reviewDeprovisionedUserAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(reviewDeprovisionedUserCommand, form);
}

/** Deletes the directory, then returns to the (now empty) Directory section. */
export async function deleteDirectoryAction(_previous: Previous, form: FormData) {
  const result = await runOrganizationCommand(deleteDirectoryCommand, form);
  if (!result.ok) return result;
  redirect(`/organizations/${encodeURIComponent(String(form.get('slug')))}/directory?deleted=${encodeURIComponent(result.data.name)}`);
}

/** The dry run: reads only, so nothing is refreshed. */
export async function previewRoleMappingsAction(_previous: Previous, form: FormData) {
  return runFormCommand(previewRoleMappingsCommand, form);
}

export async function saveRoleMappingsAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(saveRoleMappingsCommand, form);
}

export async function setOrganizationCreationAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(setOrganizationCreationCommand, form);
}
