'use server';

import { redirect } from 'next/navigation';
import { runConsoleCommand, type runFormCommand } from '@/app/_actions/run-command';
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

function run(command: Parameters<typeof runFormCommand>[0], form: FormData) {
  return runConsoleCommand(command, form, '/webhooks');
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
