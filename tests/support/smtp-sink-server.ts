/**
 * The end-to-end tests' mail server: real SMTP on SMTP_SINK_PORT, and on SMTP_SINK_HTTP_PORT a
 * small JSON view of what arrived (GET /messages) for the tests to read.
 */
import { serveControl } from './control-server';
import { startSmtpSink } from './smtp-sink';

async function main() {
  // Addresses starting with bounce- are refused with a 550, as a mailbox that doesn't exist is.
  const sink = await startSmtpSink(Number(process.env.SMTP_SINK_PORT), { rejectRecipients: (address) => address.startsWith('bounce-') });
  serveControl(
    Number(process.env.SMTP_SINK_HTTP_PORT),
    (request) => (request.url?.startsWith('/messages') ? { json: sink.messages } : null),
    sink.close,
  );
}

void main();
