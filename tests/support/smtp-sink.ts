import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  /** The From header as the recipient sees it: display name and address. */
  fromHeader: string;
  subject: string;
  html: string;
  text: string;
  receivedAt: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpSink(
  port = 0,
  options: {
    rejectRecipients?: (address: string) => boolean;
    /** Benchmarks only count what arrives; parsing each message costs the sender a round of latency. */
    parse?: boolean;
  } = {},
) {
  const messages: ReceivedMail[] = [];
  let received = 0;
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of the client: this machine has no resolver to ask, and each lookup stalls.
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.(address.address)) {
        const error = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      received++;
      if (options.parse === false) {
        stream.on('data', () => undefined);
        stream.on('end', () => callback());
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            fromHeader: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}?tls=off`,
    messages,
    received: () => received,
    /** Resolves with the first message matching, or rejects after `timeoutMs`. */
    async waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 5000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No matching email within ${timeoutMs} ms (received ${messages.length})`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, Math.min(left, 100));
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
