import { expect, test } from './support/fixtures';

test.use({ storageState: { cookies: [], origins: [] } });

test('the health check answers without a session, and is never cached', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('no-store');
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' });
});
