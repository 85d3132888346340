import { z } from 'zod';
import { renderSignInLink } from '@/emails/sign-in-link';
import { getConfig } from '@/lib/config';
import { consoleRoleOf } from '@/lib/console/access';
import { seal, unseal } from '@/lib/crypto/sealed';
import { db, type Tx } from '@/lib/db/client';
import { sendEmail } from '@/lib/email/mailer';
import { defineJobKind } from '@/lib/jobs/kind';
import { enqueueJob } from '@/lib/jobs/queue';
import { confirmationLinkFromCallback } from './links';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 7;

export type SignInAudience = 'builder' | 'member';

/** Links that return to the member area are member sign-ins; every other link is a builder's. */
export function signInAudience(callbackUrl: string, appUrl: string): SignInAudience {
  const target = new URL(callbackUrl).searchParams.get('callbackUrl') ?? '';
  const path = target ? new URL(target, appUrl).pathname : '';
  return path === '/account' || path.startsWith('/account/') ? 'member' : 'builder';
}

const SIGN_IN_EMAIL = 'email.sign_in';

/**
 * Queues a sign-in link. Builder links go only to console users (ADMIN_EMAILS, and active invited
 * console users): everybody else sees the same page
 * and gets nothing. Member links go to any address; they open only the member area. The request
 * does the same work either way and never waits on SMTP, so neither its answer nor its timing
 * tells an outsider who has console access. The link waits sealed, and is sent within seconds.
 */
export async function sendSignInLink(identifier: string, callbackUrl: string, now = new Date()) {
  const config = getConfig();
  const audience = signInAudience(callbackUrl, config.appUrl);
  const client = await db();
  // Every address costs the same lookup, builder or not.
  const consoleRole = await consoleRoleOf(client, identifier);
  if (audience === 'builder' && !consoleRole) return { sent: false, audience };
  const url = confirmationLinkFromCallback(callbackUrl, config.appUrl);
  await enqueueJob(
    client,
    {
      kind: SIGN_IN_EMAIL,
      payload: {
        to: identifier,
        audience,
        sealedUrl: seal(url, config.authSecret, 'queuedSecret'),
        expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(),
      },
      maxAttempts: signInEmailJob.maxAttempts,
    },
    now,
  );
  return { sent: true, audience };
}

async function forgetLink(tx: Tx, job: { id: string; payload: { to: string; audience: SignInAudience } }) {
  await tx.job.update({ where: { id: job.id }, data: { payload: { to: job.payload.to, audience: job.payload.audience } } });
}

/** Sends a queued sign-in link: a short retry, since the link itself lasts 15 minutes. */
export const signInEmailJob = defineJobKind({
  kind: SIGN_IN_EMAIL,
  payload: z.object({ to: z.string(), audience: z.enum(['builder', 'member']), sealedUrl: z.string(), expiresAt: z.string() }),
  leaseMs: 2 * 60_000,
  timeoutMs: 60_000,
  maxAttempts: 4,
  concurrency: 5,
  retryDelayMs: (attempt) => [10_000, 30_000, 60_000][attempt - 1] ?? 120_000,
  // The sealed link leaves the table once the job is settled, whatever the outcome.
  onDead: (tx, job) => forgetLink(tx, job),
  async handle(_client, job, now) {
    const forget = (tx: Tx) => forgetLink(tx, job);
    if (new Date(job.payload.expiresAt) <= now)
      return { status: 'cancelled', reason: 'The link expired before it could be sent.', commit: forget };
    const config = getConfig();
    const url = unseal(job.payload.sealedUrl, config.authSecret, 'queuedSecret');
    if (!url) return { status: 'dead', error: 'The link was sealed under another AUTH_SECRET; ask for a new one.', commit: forget };
    await sendEmail({
      to: job.payload.to,
      ...(await renderSignInLink({
        url,
        host: new URL(config.appUrl).host,
        expiresInMinutes: SIGN_IN_LINK_MINUTES,
        audience: job.payload.audience,
      })),
    });
    return { status: 'done', commit: forget };
  },
});
