'use server';

import { headers } from 'next/headers';
import { db } from '@/lib/db/client';
import { createDirectoryCommand, rotateDirectoryTokenCommand } from '@/lib/directory/commands';
import { addDomainCommand, verifyDomainCommand } from '@/lib/domains/commands';
import { requestMeta } from '@/lib/http/request';
import type { Result } from '@/lib/result';
import { authenticateSetupLink } from '@/lib/setup-links/auth';
import { recordSetupLinkOpened } from '@/lib/setup-links/mutations';
import {
  configureOidcConnectionCommand,
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  importSamlMetadataCommand,
} from '@/lib/sso/commands';
import { runSetupCommand } from '../run-setup-command';

/** The setup page's server actions, each bound to the page's token (never sent by the form). */
type Previous = Result<unknown> | null;

export async function setupAddDomainAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(addDomainCommand, token, form);
}

export async function setupVerifyDomainAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(verifyDomainCommand, token, form);
}

export async function setupCreateSsoConnectionAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(createSsoConnectionCommand, token, form);
}

export async function setupConfigureSamlAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(configureSamlConnectionCommand, token, form);
}

export async function setupConfigureOidcAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(configureOidcConnectionCommand, token, form);
}

export async function setupImportSamlMetadataAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(importSamlMetadataCommand, token, form);
}

export async function setupCreateDirectoryAction(token: string, _previous: Previous, form: FormData) {
  // Not refreshed here: the form shows the token once, then refreshes the page when told to.
  return runSetupCommand(createDirectoryCommand, token, form, { refresh: false });
}

export async function setupRotateDirectoryTokenAction(token: string, _previous: Previous, form: FormData) {
  return runSetupCommand(rotateDirectoryTokenCommand, token, form);
}

/** A browser showed the page (see OpenedBeacon). */
export async function setupOpenedAction(token: string) {
  const client = await db();
  const now = new Date();
  const auth = await authenticateSetupLink(client, token, now);
  if (auth.ok) await recordSetupLinkOpened(client, auth.data, now, requestMeta(await headers()));
}
