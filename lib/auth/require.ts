import { redirect } from 'next/navigation';
import { type ConsoleUser, currentBuilder } from './session';

/** For console pages: the builder, or a redirect to sign-in. */
export async function requireBuilderPage(returnTo?: string): Promise<ConsoleUser> {
  const actor = await currentBuilder();
  if (!actor) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
  return actor;
}
