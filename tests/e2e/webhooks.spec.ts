import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, unique } from './support/helpers';

type Received = { headers: Record<string, string>; body: string };

/** The builder's app's receiver, on the allow-listed loopback port the app may send to. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
      // Only what this journey's endpoint gets (other journeys' endpoints may post to this port).
      if (request.url === '/orgdesk') received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.E2E_HOOK_PORT), '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${process.env.E2E_HOOK_PORT}/orgdesk`, close: () => new Promise((r) => server.close(r)) };
}

test('add a webhook endpoint (secret shown once), receive a signed event, see the delivery, re-send it, disable and delete the endpoint', async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    await page.goto('/organizations');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await expectAccessible(page);

    // Bad input: no events, a private address; field errors, and what was typed stays.
    await page.getByLabel('Address').fill('https://127.0.0.1/hooks');
    await page.getByLabel('Description (optional)').fill('E2E receiver');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText('Choose at least one event.')).toBeVisible();
    await page.getByLabel(/^organization\.created/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText(/resolves to a private, loopback or link-local address/)).toBeVisible();
    await expect(page.getByLabel('Description (optional)')).toHaveValue('E2E receiver');
    await expect(page.getByLabel(/^organization\.created/)).toBeChecked();

    await page.getByLabel('Address').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByRole('row', { name: /E2E receiver/ })).toContainText('Enabled');
    await expectAccessible(page);

    // Something happens: the app hears about it, signed with the secret.
    const name = `Hooked ${unique('')}`;
    await createOrganization(page, name);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = receiver.received[0]!;
    const event = new Webhook(secret).verify(first.body, first.headers) as { type: string; data: { organization: { name: string } } };
    expect(event.type).toBe('organization.created');
    expect(event.data.organization.name).toBe(name);

    // The endpoint's page: the delivery, its response, and a re-send under the same id.
    await page.goto('/webhooks');
    await page.getByRole('link', { name: receiver.url }).click();
    await expect(page.getByRole('heading', { level: 1, name: receiver.url })).toBeVisible();
    const delivery = page.getByRole('row', { name: new RegExp(first.headers['webhook-id']!) });
    await expect(delivery).toContainText('Delivered');
    await expect(delivery).toContainText('HTTP 200');
    await delivery.getByText('Response body').click();
    await expect(delivery.getByText('thanks')).toBeVisible();
    await expectAccessible(page);
    await delivery.getByRole('button', { name: /^Re-send/ }).click();
    // Queued at once (the row says so, and has no re-send while it waits), then delivered again.
    await expect(delivery).toContainText(/Queued|Delivered/);
    await expect
      .poll(() => receiver.received.filter((r) => r.headers['webhook-id'] === first.headers['webhook-id']).length, {
        timeout: 30_000,
      })
      .toBe(2);
    await page.reload();
    await expect(delivery).toContainText('Delivered');

    // Disable, after a confirmation, from the keyboard; then enable again.
    await page.getByRole('button', { name: 'Disable…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('button', { name: 'Disable endpoint' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Disabled/ })).toContainText('Disabled by builder@e2e.test.');
    await page.getByRole('button', { name: 'Enable endpoint' }).click();
    await expect(page.getByRole('button', { name: 'Disable…' })).toBeVisible();

    // Rotating shows the new secret once.
    await page.getByRole('button', { name: 'Rotate secret…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
    expect((await page.getByTestId('webhook-secret').textContent())!.trim()).not.toBe(secret);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Delete endpoint…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page).toHaveURL(/\/webhooks\?deleted=1$/);
    await expect(page.getByText('Endpoint deleted.')).toBeVisible();
    await expect(page.getByRole('link', { name: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
