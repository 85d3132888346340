'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth/auth';
import { memberReturnPath, safeCallbackPath } from '@/lib/auth/links';
import { formValues, validationFailure } from '@/lib/commands/input';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { emailSchema } from '@/lib/email/schemas';
import { clientIp } from '@/lib/http/request';
import { describeRetry, hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { fail, type Result } from '@/lib/result';
import { kickJobs } from '@/lib/scheduler';
import { startSsoSignIn } from '@/lib/sso/flow';
import { emailLinkPolicy } from '@/lib/sso/policy';
import { ssoConnectionForEmail } from '@/lib/sso/routing';

const requestSignInSchema = z.object({ email: emailSchema, callbackUrl: z.string().optional(), emailLink: z.enum(['on']).optional() });

/** Validates, rate-limits per address and per IP, then asks Auth.js for a link. */
async function requestSignInLink(form: FormData, audience: 'builder' | 'member'): Promise<Result<null>> {
  const values = formValues(form);
  const parsed = requestSignInSchema.safeParse(values);
  if (!parsed.success) return validationFailure(parsed.error, values);
  const { email } = parsed.data;
  const now = new Date();
  const client = await db();
  const ip = clientIp(await headers());
  const [perAddress, perIp] = await Promise.all([
    hitRateLimit(client, `sign-in:email:${email}`, RATE_LIMITS.signInPerAddress, now),
    hitRateLimit(client, `sign-in:ip:${ip}`, RATE_LIMITS.signInPerIp, now),
  ]);
  if (!perAddress.allowed || !perIp.allowed) {
    const wait = Math.max(perAddress.allowed ? 0 : perAddress.retryAfterSeconds, perIp.allowed ? 0 : perIp.retryAfterSeconds);
    return fail('rate_limited', `Too many sign-in requests. Wait ${describeRetry(wait)} and try again.`, { values });
  }
  const config = getConfig();
  if (audience === 'member') {
    // A member signing in to an application comes back to its sign-in page afterwards.
    const returnTo = memberReturnPath(parsed.data.callbackUrl, config.appUrl);
    // An address at a domain an organization signs in with SSO goes to its identity provider,
    // unless the person asks for an email link, which an organization requiring SSO refuses
    // (except to its break-glass owners).
    if (parsed.data.emailLink !== 'on') {
      const connection = await ssoConnectionForEmail(client, email);
      if (connection) {
        const started = await startSsoSignIn(client, connection.id, 'sign_in', now, email, returnTo === '/account' ? null : returnTo);
        if (started.ok) redirect(started.data);
        const message = `Your organization’s single sign-on can’t start right now (${started.message}) Try again in a few minutes, or ask its admin.`;
        return fail('sso_incomplete', message, { fieldErrors: { email: [message] }, values });
      }
    }
    if ((await emailLinkPolicy(client, email)).refused) {
      const message =
        'Your organization requires single sign-on for this address. Sign in without asking for an email link, or ask its admin.';
      return fail('sso_required', message, { fieldErrors: { email: [message] }, values });
    }
    await signIn('nodemailer', { email, redirect: false, redirectTo: returnTo });
    kickJobs();
    redirect('/account/login/check-email');
  }
  // Only builders get a link (sendSignInLink decides), but every address takes the same path and
  // waits on no mail server, so neither the page nor its timing tells who is a builder.
  const target = safeCallbackPath(parsed.data.callbackUrl, config.appUrl);
  await signIn('nodemailer', { email, redirect: false, redirectTo: target.startsWith('/account') ? '/organizations' : target });
  kickJobs();
  redirect('/login/check-email');
}

export async function requestSignInLinkAction(_previous: Result<unknown> | null, form: FormData): Promise<Result<null>> {
  return requestSignInLink(form, 'builder');
}

export async function requestMemberSignInLinkAction(_previous: Result<unknown> | null, form: FormData): Promise<Result<null>> {
  return requestSignInLink(form, 'member');
}

export async function signOutAction() {
  await signOut({ redirectTo: '/login' });
}

export async function memberSignOutAction() {
  await signOut({ redirectTo: '/account/login' });
}
