import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { currentBuilder } from '@/lib/auth/session';
import type { Command } from '@/lib/commands/define';
import { formInput } from '@/lib/commands/input';
import { db } from '@/lib/db/client';
import { requestMeta } from '@/lib/http/request';
import type { Result } from '@/lib/result';

/**
 * The server actions' adapter: the signed-in console user is the principal, the form becomes the
 * command's input, and the request's address and id go to the audit log. The command does the rest.
 */
export async function runFormCommand<S extends z.ZodType, T>(command: Command<S, T>, form: FormData): Promise<Result<T>> {
  return command(await currentBuilder(), formInput(form), { request: requestMeta(await headers()) });
}

/**
 * Runs a command for one organization's page, then refreshes the organization and the list.
 * Shared by the organization pages' server actions.
 */
export async function runOrganizationCommand<S extends z.ZodType, T>(command: Command<S, T>, form: FormData, afterSuccess?: () => void) {
  const result = await runFormCommand(command, form);
  if (result.ok) {
    const organization = await (await db()).organization.findUnique({
      where: { id: String(form.get('organizationId')) },
      select: { slug: true },
    });
    revalidatePath('/organizations');
    // The layout: every section of the workspace shows the change.
    if (organization) revalidatePath(`/organizations/${organization.slug}`, 'layout');
    afterSuccess?.();
  }
  return result;
}

/** Runs a console-wide command from a form and, when it succeeds, refreshes the pages under `path`. */
export async function runConsoleCommand<S extends z.ZodType, T>(command: Command<S, T>, form: FormData, path: string): Promise<Result<T>> {
  const result = await runFormCommand(command, form);
  if (result.ok) revalidatePath(path, 'layout');
  return result;
}
