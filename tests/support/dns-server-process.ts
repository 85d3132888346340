/**
 * The end-to-end tests' DNS server: real DNS on DNS_TEST_PORT (UDP, loopback), and on
 * DNS_CONTROL_PORT a small HTTP API to set records: PUT /records {name, txt: [...]}.
 */
import { serveControl } from './control-server';
import { startDnsServer } from './dns-server';

async function main() {
  const dns = await startDnsServer(Number(process.env.DNS_TEST_PORT));
  serveControl(
    Number(process.env.DNS_CONTROL_PORT),
    (request, body) => {
      if (request.method !== 'PUT' || request.url !== '/records') return null;
      const { name, txt } = JSON.parse(body) as { name: string; txt: string[] };
      dns.set(name, { txt });
      return { text: 'ok' };
    },
    dns.close,
  );
}

void main();
