'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runFormCommand } from '@/app/_actions/run-command';
import {
  changeOrganizationSlugCommand,
  deleteOrganizationCommand,
  reactivateOrganizationCommand,
  renameOrganizationCommand,
  suspendOrganizationCommand,
} from '@/lib/organizations/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

function refresh(slug: string) {
  revalidatePath('/organizations');
  revalidatePath(`/organizations/${slug}`, 'layout');
}

export async function renameOrganizationAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(renameOrganizationCommand, form);
  if (result.ok) refresh(result.data.slug);
  return result;
}

export async function changeOrganizationSlugAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(changeOrganizationSlugCommand, form);
  if (!result.ok) return result;
  refresh(result.data.previousSlug);
  redirect(`/organizations/${result.data.slug}?slugChanged=1`);
}

export async function suspendOrganizationAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(suspendOrganizationCommand, form);
  if (result.ok) refresh(result.data.slug);
  return result;
}

export async function reactivateOrganizationAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(reactivateOrganizationCommand, form);
  if (result.ok) refresh(result.data.slug);
  return result;
}

export async function deleteOrganizationAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(deleteOrganizationCommand, form);
  if (!result.ok) return result;
  revalidatePath('/organizations');
  redirect(`/organizations?deleted=${encodeURIComponent(result.data.slug)}`);
}
