'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runFormCommand } from '@/app/_actions/run-command';
import type { Result } from '@/lib/result';
import {
  createWebhookEndpointCommand,
  deleteWebhookEndpointCommand,
  disableWebhookEndpointCommand,
  enableWebhookEndpointCommand,
  resendWebhookDeliveryCommand,
  rotateWebhookSecretCommand,
  updateWebhookEndpointCommand,
} from '@/lib/webhooks/commands';

type Previous = Result<unknown> | null;

/** Runs a webhook command from a form and refreshes the pages that show endpoints. */
async function run(command: Parameters<typeof runFormCommand>[0], form: FormData) {
  const result = await runFormCommand(command, form);
  if (result.ok) revalidatePath('/webhooks', 'layout');
  return result;
}

export async function createWebhookEndpointAction(_previous: Previous, form: FormData) {
  return run(createWebhookEndpointCommand, form);
}

export async function updateWebhookEndpointAction(_previous: Previous, form: FormData) {
  return run(updateWebhookEndpointCommand, form);
}

export async function disableWebhookEndpointAction(_previous: Previous, form: FormData) {
  return run(disableWebhookEndpointCommand, form);
}

export async function enableWebhookEndpointAction(_previous: Previous, form: FormData) {
  return run(enableWebhookEndpointCommand, form);
}

export async function rotateWebhookSecretAction(_previous: Previous, form: FormData) {
  return run(rotateWebhookSecretCommand, form);
}

export async function resendWebhookDeliveryAction(_previous: Previous, form: FormData) {
  return run(resendWebhookDeliveryCommand, form);
}

export async function deleteWebhookEndpointAction(_previous: Previous, form: FormData) {
  const result = await run(deleteWebhookEndpointCommand, form);
  if (result.ok) redirect('/webhooks?deleted=1');
  return result;
}
