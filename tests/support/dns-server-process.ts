/**
 * The end-to-end tests' DNS server: real DNS on DNS_TEST_PORT (UDP, loopback), and on
 * DNS_CONTROL_PORT a small HTTP API to set records: PUT /records {name, txt: [...]}.
 */
import http from 'node:http';
import { startDnsServer } from './dns-server';

async function main() {
  const dns = await startDnsServer(Number(process.env.DNS_TEST_PORT));
  const server = http.createServer((request, response) => {
    if (request.method === 'PUT' && request.url === '/records') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const { name, txt } = JSON.parse(body) as { name: string; txt: string[] };
        dns.set(name, { txt });
        response.end('ok');
      });
      return;
    }
    response.statusCode = request.url === '/health' ? 200 : 404;
    response.end(request.url === '/health' ? 'ok' : 'not found');
  });
  server.listen(Number(process.env.DNS_CONTROL_PORT), '127.0.0.1');
  const stop = () => {
    server.close();
    void dns.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
