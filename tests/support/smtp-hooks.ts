import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetConfig } from '@/lib/config';
import { closeMailTransport } from '@/lib/email/mailer';
import { startSmtpSink } from './smtp-sink';

/**
 * A real SMTP server for one test file: started before its tests, SMTP_URL pointed at it before
 * each test (a test may point it elsewhere), and everything closed after. Read `.sink` in tests.
 */
export function smtpSinkForTests(options: Parameters<typeof startSmtpSink>[1] = {}) {
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
  beforeAll(async () => {
    sink = await startSmtpSink(0, options);
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetConfig();
    closeMailTransport();
    await sink?.close();
  });
  beforeEach(() => {
    process.env.SMTP_URL = smtp.sink.url;
    resetConfig();
  });
  const smtp = {
    get sink() {
      if (!sink) throw new Error('The SMTP sink starts in beforeAll.');
      return sink;
    },
  };
  return smtp;
}
