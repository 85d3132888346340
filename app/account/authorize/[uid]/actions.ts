'use server';

import { signOut } from '@/lib/auth/auth';

/** Signs the person out of Orgdesk and back to the application's sign-in page, to sign in as someone else. */
export async function switchAccountAction(uid: string) {
  const safe = /^[\w-]{10,64}$/.test(uid) ? uid : '';
  await signOut({ redirectTo: safe ? `/account/authorize/${safe}` : '/account/login' });
}
