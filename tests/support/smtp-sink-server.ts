/**
 * The end-to-end tests' mail server: real SMTP on SMTP_SINK_PORT, and on SMTP_SINK_HTTP_PORT a
 * small JSON view of what arrived (GET /messages) for the tests to read.
 */
import http from 'node:http';
import { startSmtpSink } from './smtp-sink';

async function main() {
  const sink = await startSmtpSink(Number(process.env.SMTP_SINK_PORT));
  const server = http.createServer((request, response) => {
    if (request.url?.startsWith('/messages')) {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(sink.messages));
      return;
    }
    response.statusCode = request.url === '/health' ? 200 : 404;
    response.end(request.url === '/health' ? 'ok' : 'not found');
  });
  server.listen(Number(process.env.SMTP_SINK_HTTP_PORT), '127.0.0.1');
  const stop = () => {
    server.close();
    void sink.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
