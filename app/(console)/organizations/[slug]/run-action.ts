import { revalidatePath } from 'next/cache';
import { currentBuilder, type Actor } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { Result } from '@/lib/result';

type Command<T> = (actor: Actor | null, form: FormData) => Promise<Result<T>>;

/**
 * Runs a builder command for one organization's page, then refreshes the organization and the
 * list. Shared by the page's server actions.
 */
export async function runOrganizationCommand<T>(command: Command<T>, form: FormData, afterSuccess?: () => void) {
  const result = await command(await currentBuilder(), form);
  if (result.ok) {
    const organization = await (await db()).organization.findUnique({
      where: { id: String(form.get('organizationId')) },
      select: { slug: true },
    });
    revalidatePath('/organizations');
    if (organization) revalidatePath(`/organizations/${organization.slug}`);
    afterSuccess?.();
  }
  return result;
}
