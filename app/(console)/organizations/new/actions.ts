'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runFormCommand } from '@/app/_actions/run-command';
import { createOrganizationCommand } from '@/lib/organizations/commands';
import type { Result } from '@/lib/result';

export async function createOrganizationAction(_previous: Result<unknown> | null, form: FormData) {
  const result = await runFormCommand(createOrganizationCommand, form);
  if (!result.ok) return result;
  revalidatePath('/organizations');
  redirect(`/organizations/${result.data.slug}?created=1`);
}
