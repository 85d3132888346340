'use server';

import { revalidatePath } from 'next/cache';
import { runFormCommand } from '@/app/_actions/run-command';
import { createApiKeyCommand, revokeApiKeyCommand } from '@/lib/api-keys/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function createApiKeyAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(createApiKeyCommand, form);
  if (result.ok) revalidatePath('/api-keys');
  return result;
}

export async function revokeApiKeyAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(revokeApiKeyCommand, form);
  if (result.ok) revalidatePath('/api-keys');
  return result;
}
