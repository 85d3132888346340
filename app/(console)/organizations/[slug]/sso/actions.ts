'use server';

import { redirect } from 'next/navigation';
import { runOrganizationCommand } from '@/app/_actions/run-command';
import { addRoleMappingCommand, removeRoleMappingCommand } from '@/lib/access/commands';
import type { Result } from '@/lib/result';
import {
  configureOidcConnectionCommand,
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  deleteSsoConnectionCommand,
  importSamlMetadataCommand,
  setSsoConnectionEnabledCommand,
  setSsoRequirementCommand,
} from '@/lib/sso/commands';

type Previous = Result<unknown> | null;

/** Creates the connection, then opens its setup page. */
export async function createSsoConnectionAction(_previous: Previous, form: FormData) {
  const result = await runOrganizationCommand(createSsoConnectionCommand, form);
  if (!result.ok) return result;
  redirect(`/organizations/${encodeURIComponent(String(form.get('slug')))}/sso/${result.data.id}`);
}

export async function configureSamlConnectionAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(configureSamlConnectionCommand, form);
}

export async function configureOidcConnectionAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(configureOidcConnectionCommand, form);
}

export async function importSamlMetadataAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(importSamlMetadataCommand, form);
}

export async function setSsoConnectionEnabledAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(setSsoConnectionEnabledCommand, form);
}

/** Deletes the connection, then returns to the SSO section. */
export async function deleteSsoConnectionAction(_previous: Previous, form: FormData) {
  const result = await runOrganizationCommand(deleteSsoConnectionCommand, form);
  if (!result.ok) return result;
  redirect(`/organizations/${encodeURIComponent(String(form.get('slug')))}/sso?deleted=${encodeURIComponent(result.data.name)}`);
}

export async function setSsoRequirementAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(setSsoRequirementCommand, form);
}

export async function addRoleMappingAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(addRoleMappingCommand, form);
}

export async function removeRoleMappingAction(_previous: Previous, form: FormData) {
  return runOrganizationCommand(removeRoleMappingCommand, form);
}
