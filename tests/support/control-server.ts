import http from 'node:http';

/**
 * A tiny HTTP server beside a test peer (SMTP sink, DNS server), for the end-to-end tests to read
 * or change it. GET /health answers ok; `routes` handle the rest. Stops with the process.
 */
export function serveControl(
  port: number,
  routes: (request: http.IncomingMessage, body: string) => { status?: number; json?: unknown; text?: string } | null,
  onStop: () => Promise<void>,
) {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/health') return void response.end('ok');
      const answer = routes(request, body);
      if (!answer) {
        response.statusCode = 404;
        return void response.end('not found');
      }
      response.statusCode = answer.status ?? 200;
      if (answer.json !== undefined) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer.json));
      } else response.end(answer.text ?? 'ok');
    });
  });
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close();
    void onStop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
