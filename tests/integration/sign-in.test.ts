import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSignInLink } from '@/lib/auth/sign-in-link';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { getDevMail, listDevMail } from '@/lib/email/dev-mailbox';
import { closeMailTransport, sendEmail } from '@/lib/email/mailer';
import { runDueJobs } from '@/lib/jobs/runner';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit';
import { uniqueEmail, uniqueSlug } from '../factories';
import { TEST_BUILDER, TEST_BUILDER_DOMAIN } from '../support/env';
import { linksIn, startSmtpSink } from '../support/smtp-sink';

const CALLBACK = 'http://internal:3000/api/auth/callback/nodemailer?callbackUrl=%2Forganizations&token=t0k3n&email=';

describe('sign-in links over real SMTP', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    resetConfig();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetConfig();
    closeMailTransport();
    await sink.close();
  });

  const sendQueued = async () => runDueJobs(await db(), { kinds: ['email.sign_in'] });

  it('a builder receives one email whose link opens the confirmation page on APP_URL', async () => {
    const result = await sendSignInLink(TEST_BUILDER, `${CALLBACK}${encodeURIComponent(TEST_BUILDER)}`);
    expect(result.sent).toBe(true);
    await sendQueued();
    const mail = await sink.waitFor((m) => m.to.includes(TEST_BUILDER));
    expect(mail.subject).toBe('Sign in to Orgdesk');
    expect(mail.from).toBe('no-reply@orgdesk.test');
    const link = linksIn(mail.html).find((href) => href.includes('/login/verify'));
    expect(link).toBe('http://orgdesk.test:3000/login/verify?token=t0k3n&email=builder%40orgdesk.test&callbackUrl=%2Forganizations');
    expect(mail.text).toContain(link);
  });

  it('an address under an @domain builder entry also receives a link', async () => {
    const address = uniqueEmail('lead', TEST_BUILDER_DOMAIN);
    expect((await sendSignInLink(address, `${CALLBACK}${encodeURIComponent(address)}`)).sent).toBe(true);
    await sendQueued();
    await sink.waitFor((m) => m.to.includes(address));
  });

  it('anyone else gets no email at all', async () => {
    const outsider = uniqueEmail('outsider', 'evil.example');
    const before = sink.messages.length;
    expect((await sendSignInLink(outsider, `${CALLBACK}${encodeURIComponent(outsider)}`)).sent).toBe(false);
    expect(await (await db()).job.count({ where: { kind: 'email.sign_in', payload: { path: ['to'], equals: outsider } } })).toBe(0);
    await sendQueued();
    expect(sink.messages.length).toBe(before);
    expect(sink.messages.some((m) => m.to.includes(outsider))).toBe(false);
  });

  it('a member link (back to /account) goes to any address, and says it opens the member area', async () => {
    const member = uniqueEmail('member', 'customer.example');
    const memberCallback = `http://internal:3000/api/auth/callback/nodemailer?callbackUrl=${encodeURIComponent('http://orgdesk.test:3000/account')}&token=m3mb3r&email=`;
    const result = await sendSignInLink(member, `${memberCallback}${encodeURIComponent(member)}`);
    expect(result).toEqual({ sent: true, audience: 'member' });
    await sendQueued();
    const mail = await sink.waitFor((m) => m.to.includes(member));
    expect(mail.text).toContain('see your organizations');
  });

  it('the queued link waits sealed, and leaves the table once sent', async () => {
    const address = uniqueEmail('sealed', TEST_BUILDER_DOMAIN);
    const token = 's3cr3t-token-value';
    await sendSignInLink(
      address,
      `http://internal:3000/api/auth/callback/nodemailer?callbackUrl=%2Forganizations&token=${token}&email=${encodeURIComponent(address)}`,
    );
    const where = { kind: 'email.sign_in', payload: { path: ['to'], equals: address } };
    const queued = await (await db()).job.findFirstOrThrow({ where });
    expect(JSON.stringify(queued.payload)).not.toContain(token);
    await sendQueued();
    const mail = await sink.waitFor((m) => m.to.includes(address));
    expect(mail.html).toContain(token);
    const done = await (await db()).job.findFirstOrThrow({ where });
    expect(done.status).toBe('done');
    expect(done.payload).toEqual({ to: address, audience: 'builder' });
  });

  it('a link that expired in the queue is not sent', async () => {
    const address = uniqueEmail('stale', TEST_BUILDER_DOMAIN);
    const past = new Date(Date.now() - 20 * 60_000);
    await sendSignInLink(address, `${CALLBACK}${encodeURIComponent(address)}`, past);
    await sendQueued();
    const job = await (await db()).job.findFirstOrThrow({ where: { kind: 'email.sign_in', payload: { path: ['to'], equals: address } } });
    expect(job).toMatchObject({ status: 'cancelled', lastError: 'The link expired before it could be sent.' });
    expect(sink.messages.some((m) => m.to.includes(address))).toBe(false);
  });

  it('CR and LF in a subject never reach a header', async () => {
    const to = uniqueEmail('headers');
    await sendEmail({ to, subject: 'Hello\r\nBcc: victim@example.com', html: '<p>x</p>', text: 'x' });
    const mail = await sink.waitFor((m) => m.to.includes(to));
    expect(mail.to).toEqual([to]);
    expect(mail.subject).toBe('Hello Bcc: victim@example.com');
  });

  it('refuses to send to anything but one address', async () => {
    await expect(sendEmail({ to: 'a@x.com, b@y.com', subject: 's', html: '', text: '' })).rejects.toThrow(/invalid address/);
  });
});

describe('the dev mailbox (no SMTP_URL outside production)', () => {
  it('stores the message with its HTML and text, newest first', async () => {
    const to = uniqueEmail('dev');
    const html = '<a href="http://orgdesk.test:3000/y">go</a>';
    const { messageId } = await sendEmail({ to, subject: `Dev ${uniqueSlug()}`, html, text: 'go', fromName: 'Ada at Acme via Orgdesk' });
    const client = await db();
    const stored = await getDevMail(client, messageId);
    expect(stored).toMatchObject({ to, html, text: 'go', from: '"Ada at Acme via Orgdesk" <no-reply@orgdesk.test>' });
    // A link off APP_URL fails the link check: nothing is stored.
    await expect(sendEmail({ to, subject: 'Bad', html: '<a href="http://x/y">go</a>', text: 'go' })).rejects.toThrow(
      'links that fail the link check: http://x/y: not on http://orgdesk.test:3000',
    );
    expect(await client.devMailboxMessage.count({ where: { to, subject: 'Bad' } })).toBe(0);
    const { messages } = await listDevMail(client);
    expect(messages[0]?.id).toBe(messageId);
    expect(await getDevMail(client, 'not-a-uuid')).toBeNull();
  });
});

describe('rate limits live in the database', () => {
  it('allows the limit, then refuses with a retry time, then resets after the window', async () => {
    const client = await db();
    const key = `test:${uniqueSlug()}`;
    const rule = RATE_LIMITS.signInPerAddress;
    const now = new Date('2026-01-01T00:00:00Z');
    for (let i = 1; i <= rule.limit; i++) expect((await hitRateLimit(client, key, rule, now)).allowed).toBe(true);
    const refused = await hitRateLimit(client, key, rule, new Date(now.getTime() + 60_000));
    expect(refused).toMatchObject({ allowed: false, count: rule.limit + 1, retryAfterSeconds: rule.windowMs / 1000 - 60 });
    const later = await hitRateLimit(client, key, rule, new Date(now.getTime() + rule.windowMs));
    expect(later).toMatchObject({ allowed: true, count: 1 });
  });

  it('counts concurrent hits exactly, as several app instances would make them', async () => {
    const client = await db();
    const key = `test:${uniqueSlug()}`;
    const now = new Date();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(client, key, { limit: 5, windowMs: 60_000 }, now)));
    expect(outcomes.map((o) => o.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);
  });
});
