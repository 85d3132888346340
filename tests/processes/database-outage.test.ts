/**
 * The production server when its database doesn't answer: console pages say the service is
 * unavailable instead of sending a signed-in builder to the sign-in page, and health says 503.
 * (The same server also shows that a malformed request target is the client's error.)
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Processes, productionEnv, testPort } from '../support/processes';

const processes = new Processes();
let base = '';

beforeAll(async () => {
  // A port where no database listens: the outage.
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port: deadPort } = closed.address() as net.AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const port = testPort(100);
  base = `http://localhost:${port}`;
  processes.start('app', 'scripts/server.ts', productionEnv(port, `postgresql://postgres@127.0.0.1:${deadPort}/orgdesk`));
  await processes.until('the server answering', async () => (await fetch(`${base}/login`)).ok, 120_000);
}, 180_000);

afterAll(() => processes.killAll());

describe('a database outage', () => {
  it('sends a signed-in visitor to "Service unavailable", not to sign in', async () => {
    const response = await fetch(`${base}/organizations`, {
      headers: { cookie: 'authjs.session-token=a-session-the-database-would-know' },
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/unavailable?returnTo=%2Forganizations');
    const page = await fetch(`${base}/unavailable?returnTo=%2Forganizations`);
    const html = await page.text();
    expect(html).toContain('Service unavailable');
    expect(html).toContain('href="/organizations"');
  });

  it('answers 503 on /api/health', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    const response = await fetch(`${base}/organizations/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('malformed percent-encoding');
  });
});
