'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runFormCommand } from '@/app/_actions/run-command';
import {
  createPermissionCommand,
  createRoleCommand,
  deletePermissionCommand,
  deleteRoleCommand,
  updateRoleCommand,
} from '@/lib/access/commands';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

export async function createRoleAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(createRoleCommand, form);
  if (!result.ok) return result;
  revalidatePath('/roles');
  redirect(`/roles/${encodeURIComponent(result.data.key)}?created=1`);
}

export async function updateRoleAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(updateRoleCommand, form);
  if (result.ok) revalidatePath('/roles', 'layout');
  return result;
}

export async function deleteRoleAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(deleteRoleCommand, form);
  if (!result.ok) return result;
  revalidatePath('/roles');
  redirect(`/roles?deleted=${encodeURIComponent(result.data.key)}`);
}

export async function createPermissionAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(createPermissionCommand, form);
  if (result.ok) revalidatePath('/roles', 'layout');
  return result;
}

export async function deletePermissionAction(_previous: Previous, form: FormData) {
  const result = await runFormCommand(deletePermissionCommand, form);
  if (result.ok) revalidatePath('/roles', 'layout');
  return result;
}
