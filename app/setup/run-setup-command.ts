import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import type { z } from 'zod';
import type { Command } from '@/lib/commands/define';
import { formInput } from '@/lib/commands/input';
import { db } from '@/lib/db/client';
import { requestMeta } from '@/lib/http/request';
import type { Result } from '@/lib/result';
import { authenticateSetupLink } from '@/lib/setup-links/auth';

/**
 * The setup page's adapter: the link behind the token is the principal (refused once revoked or
 * expired), the form becomes the command's input. The command decides what the link may do.
 */
export async function runSetupCommand<S extends z.ZodType, T>(
  command: Command<S, T>,
  token: string,
  form: FormData,
  options: { refresh?: boolean } = {},
): Promise<Result<T>> {
  const client = await db();
  const auth = await authenticateSetupLink(client, token, new Date());
  if (!auth.ok) return auth;
  const result = await command(auth.data.principal, formInput(form), { request: requestMeta(await headers()) });
  // A form that shows a secret once (a new directory's token) refreshes the page itself, after.
  if (result.ok && options.refresh !== false) revalidatePath('/setup/[token]', 'page');
  return result;
}
