import { performance } from 'node:perf_hooks';
import type { ConsoleUser } from '../lib/auth/session';
import { contextFor } from '../lib/commands/define';
import { getConfig, resetConfig } from '../lib/config';
import type { Db } from '../lib/db/client';
import { acceptInvitation } from '../lib/invitations/accept';
import { deliverQueuedEmail } from '../lib/invitations/delivery';
import { createInvitations } from '../lib/invitations/mutations';
import { deriveInvitationToken } from '../lib/invitations/tokens';
import { startSmtpSink } from '../tests/support/smtp-sink';

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Invitations through the outbox to a local SMTP server: how many a second one dispatcher
 * sends, end to end (claim, render, SMTP, record); then how long an accept takes.
 */
export async function benchInvitations(client: Db, count = 1000) {
  const sink = await startSmtpSink(0, { parse: false });
  process.env.SMTP_URL = sink.url;
  resetConfig();
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const actor: ConsoleUser = { kind: 'console_user', userId: user.id, email: user.email, role: 'owner' };
  const perOrganization = 100;
  const organizations = [];
  for (let i = 0; i < Math.ceil(count / perOrganization); i++) {
    organizations.push(await client.organization.create({ data: { name: `Invite bench ${i}`, slug: `invite-bench-${Date.now()}-${i}` } }));
  }
  const queueStart = performance.now();
  for (const [i, organization] of organizations.entries()) {
    const addresses = Array.from({ length: perOrganization }, (_, n) => `invitee-${i}-${n}@bench.example`).join('\n');
    const result = await createInvitations(client, contextFor(actor, new Date()), {
      organizationId: organization.id,
      addresses,
      role: 'member',
      expiresInDays: 7,
      confirm: [],
    });
    if (!result.ok) throw new Error(result.message);
  }
  const queueSeconds = (performance.now() - queueStart) / 1000;
  const sendStart = performance.now();
  let sent = 0;
  for (;;) {
    const pass = await deliverQueuedEmail(client, new Date(), 50);
    sent += pass.sent;
    if (!pass.claimed) break;
  }
  const sendSeconds = (performance.now() - sendStart) / 1000;

  const invitations = await client.invitation.findMany({
    where: { organizationId: { in: organizations.map((o) => o.id) } },
    select: { id: true, tokenNonce: true },
    take: 200,
  });
  const samples: number[] = [];
  for (const invitation of invitations) {
    const token = deriveInvitationToken(getConfig().authSecret, invitation.id, invitation.tokenNonce);
    const start = performance.now();
    const result = await acceptInvitation(client, token, null, new Date());
    samples.push(performance.now() - start);
    if (!result.ok) throw new Error(result.message);
  }
  await sink.close();
  return {
    queued: count,
    queuePerSecond: count / queueSeconds,
    sent,
    received: sink.received(),
    sendPerSecond: sent / sendSeconds,
    acceptP50: percentile(samples, 50),
    acceptP95: percentile(samples, 95),
    accepts: samples.length,
  };
}
