'use server';

import { revalidatePath } from 'next/cache';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
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
type Command = (actor: Awaited<ReturnType<typeof currentBuilder>>, form: FormData) => Promise<Result<unknown>>;

async function run(command: Command, form: FormData) {
  const result = await command(await currentBuilder(), form);
  if (result.ok) {
    const organization = await (await db()).organization.findUnique({
      where: { id: String(form.get('organizationId')) },
      select: { slug: true },
    });
    revalidatePath('/organizations');
    if (organization) revalidatePath(`/organizations/${organization.slug}`);
  }
  return result;
}

export async function addDomainAction(_previous: Previous, form: FormData) {
  return run(addDomainCommand, form);
}

export async function verifyDomainAction(_previous: Previous, form: FormData) {
  return run(verifyDomainCommand, form);
}

export async function removeDomainAction(_previous: Previous, form: FormData) {
  return run(removeDomainCommand, form);
}

export async function includeSubdomainsAction(_previous: Previous, form: FormData) {
  return run(includeSubdomainsCommand, form);
}

export async function enableAutoJoinAction(_previous: Previous, form: FormData) {
  return run(enableAutoJoinCommand, form);
}

export async function disableAutoJoinAction(_previous: Previous, form: FormData) {
  return run(disableAutoJoinCommand, form);
}
