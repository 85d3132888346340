import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import type { RenderedEmail } from '@/emails/layout';
import { parseEmailAddress } from './address';
import { storeDevMail } from './dev-mailbox';
import { safeHeader } from './headers';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (transport?.url !== url) {
    const parsed = new URL(url);
    // Local relays (and the tests' SMTP server) speak plain SMTP; `?tls=off` opts out of STARTTLS.
    const ignoreTLS = parsed.searchParams.get('tls') === 'off';
    transport = {
      url,
      transporter: nodemailer.createTransport({
        url,
        ignoreTLS,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as never),
    };
  }
  return transport.transporter;
}

/** Sends one message through SMTP, or into the dev mailbox when no SMTP_URL is set outside production. */
export async function sendEmail(message: OutgoingEmail): Promise<{ messageId: string }> {
  const config = getConfig();
  const to = parseEmailAddress(message.to);
  if (!to.ok) throw new Error(`Refusing to send to an invalid address: ${to.reason}`);
  const subject = safeHeader(message.subject);
  if (config.mail.transport === 'dev-mailbox') {
    const stored = await storeDevMail(await db(), {
      to: to.address,
      from: config.emailFrom,
      subject,
      html: message.html,
      text: message.text,
    });
    return { messageId: stored.id };
  }
  const info = await smtpTransport(config.mail.url).sendMail({
    from: config.emailFrom,
    to: to.address,
    subject,
    html: message.html,
    text: message.text,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return { messageId: info.messageId };
}
