import { afterAll, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { closeMailTransport } from '@/lib/email/mailer';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { createInvitations } from '@/lib/invitations/mutations';
import { at, createTestOrganization, uniqueEmail } from '../factories';
import { DAY, testClock } from '../support/clock';
import { startSmtpSink } from '../support/smtp-sink';

afterAll(() => {
  delete process.env.SMTP_URL;
  resetConfig();
});

describe('an SMTP outage', () => {
  it('delays mail but loses none: after the server returns, every queued message goes out exactly once', async () => {
    const clock = testClock();
    // Reserve a port, then stop the server: the outage.
    const first = await startSmtpSink(0);
    const port = first.port;
    await first.close();
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}?tls=off`;
    resetConfig();

    const org = await createTestOrganization();
    const addresses = Array.from({ length: 5 }, () => uniqueEmail('outage'));
    for (const address of addresses) {
      const sent = await createInvitations(await db(), at(clock.now()), {
        organizationId: org.id,
        addresses: address,
        role: 'member',
        expiresInDays: 7,
        confirm: [],
      });
      expect(sent.ok).toBe(true);
    }
    // More failed connections than the pool has slots, as the outage goes on.
    for (let pass = 0; pass < 3; pass++) {
      const outcome = await deliverQueuedEmail(await db(), clock.advance(DAY / 24), 5, { organizationId: org.id });
      expect(outcome).toMatchObject({ sent: 0, failed: 0 });
      expect(outcome.retry).toBeGreaterThan(0);
    }
    const queued = await (await db()).invitation.findMany({ where: { organizationId: org.id } });
    expect(queued.map((i) => i.deliveryStatus)).toEqual(Array(5).fill('queued'));
    expect(queued[0]!.deliveryError).toContain('Retrying automatically');

    const back = await startSmtpSink(port);
    try {
      let sent = 0;
      for (let pass = 0; pass < 5 && sent < 5; pass++)
        sent += (await deliverQueuedEmail(await db(), clock.advance(DAY / 4), 5, { organizationId: org.id })).sent;
      expect(sent).toBe(5);
      for (const address of addresses) {
        await back.waitFor((m) => m.to.includes(address));
        expect(back.messages.filter((m) => m.to.includes(address))).toHaveLength(1);
      }
      const delivered = await (await db()).invitation.findMany({ where: { organizationId: org.id } });
      expect(delivered.map((i) => i.deliveryStatus)).toEqual(Array(5).fill('sent'));
    } finally {
      closeMailTransport();
      await back.close();
    }
  });
});
