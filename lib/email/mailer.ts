import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { RenderedEmail } from '@/emails/render';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { parseEmailAddress } from './address';
import { storeDevMail } from './dev-mailbox';
import { safeHeader } from './headers';
import { checkEmailLinks } from './links';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
}

/** Messages a dispatcher sends at once; SMTP round trips, not CPU, bound a single send. */
export const SEND_CONCURRENCY = 5;

/** No send waits longer than this, whatever the server does: the job retries it later. */
export const SEND_TIMEOUT_MS = 45_000;

let transport: { url: string; transporter: Transporter } | undefined;

function withTimeout<T>(send: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`The mail server did not finish within ${SEND_TIMEOUT_MS / 1000} s.`), { code: 'ETIMEDOUT' })),
      SEND_TIMEOUT_MS,
    );
  });
  return Promise.race([send, expired]).finally(() => clearTimeout(timer));
}

function smtpTransport(url: string): Transporter {
  if (transport?.url !== url) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'smtps:';
    const transporter = nodemailer.createTransport({
      host: parsed.hostname,
      port: Number(parsed.port) || (secure ? 465 : 587),
      secure,
      auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
      // Local relays (and the tests' SMTP server) speak plain SMTP; `?tls=off` opts out of STARTTLS.
      ignoreTLS: parsed.searchParams.get('tls') === 'off',
      // Reuse connections: opening one per message costs more than sending it.
      pool: true,
      maxConnections: SEND_CONCURRENCY,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    // Nagle's algorithm holds SMTP's small writes until the server's delayed ACK (about 40 ms
    // each), which cost every message about 100 ms even on loopback; send them at once instead.
    // The socket is handed over unconnected, so nodemailer connects it and handles a refused or
    // dropped connection on its own error path (a socket connected here left a pool slot taken
    // forever when the connection failed, and an SMTP outage stopped all mail until a restart).
    (transporter as unknown as { getSocket: unknown }).getSocket = (
      _options: unknown,
      callback: (error: Error | null, socket?: { socket: net.Socket }) => void,
    ) => {
      const socket = new net.Socket();
      socket.setNoDelay(true);
      callback(null, { socket });
    };
    transport = { url, transporter };
  }
  return transport.transporter;
}

/** Closes pooled SMTP connections (shutdown, tests); the next send opens new ones. */
export function closeMailTransport() {
  transport?.transporter.close();
  transport = undefined;
}

/** Sends one message through SMTP, or into the dev mailbox when no SMTP_URL is set outside production. */
export async function sendEmail(message: OutgoingEmail): Promise<{ messageId: string }> {
  const config = getConfig();
  const to = parseEmailAddress(message.to);
  if (!to.ok) throw new Error(`Refusing to send to an invalid address: ${to.reason}`);
  const subject = safeHeader(message.subject);
  // A broken link is a bug in the template or the configuration: never send it.
  const broken = checkEmailLinks(message.html, config.appUrl);
  if (broken.length) throw new Error(`Refusing to send an email with links that fail the link check: ${broken.join('; ')}`);
  const from = { name: safeHeader(message.fromName ?? config.emailFromName), address: config.emailFromAddress };
  if (config.mail.transport === 'dev-mailbox') {
    const stored = await storeDevMail(await db(), {
      to: to.address,
      from: `"${from.name.replace(/["\\]/g, '')}" <${from.address}>`,
      subject,
      html: message.html,
      text: message.text,
    });
    return { messageId: stored.id };
  }
  const info = await withTimeout(
    smtpTransport(config.mail.url).sendMail({
      from,
      to: to.address,
      subject,
      html: message.html,
      text: message.text,
      disableFileAccess: true,
      disableUrlAccess: true,
    }),
  );
  return { messageId: info.messageId };
}
