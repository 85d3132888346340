import { expect, test } from './support/fixtures';
import { expectAccessible, unique } from './support/helpers';

test('an application’s settings: change its addresses, rotate its client secret, rotate the signing key, delete it after a confirmation', async ({
  page,
  baseURL,
}) => {
  const name = `Settings app ${unique('')}`;
  await page.goto('/applications');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Redirect URIs', { exact: true }).fill('https://settings.example/callback');
  await page.getByRole('button', { name: 'Register application' }).click();
  const first = (await page.getByTestId('client-secret').textContent())!.trim();
  await page.getByRole('link', { name: 'Open the application' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // Addresses: a bad one is refused beside its field and kept; a good one is saved.
  const uris = page.getByLabel('Redirect URIs', { exact: true });
  await uris.fill('https://settings.example/callback\nftp://settings.example/x');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/“ftp:\/\/settings.example\/x” must start with https:\/\//)).toBeVisible();
  await expect(uris).toHaveValue('https://settings.example/callback\nftp://settings.example/x');
  await uris.fill('https://settings.example/callback\nhttps://settings.example/other');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  // A new client secret, after a confirmation that Escape can cancel.
  await page.getByRole('button', { name: 'Rotate client secret…' }).click();
  await expect(page.getByRole('dialog', { name: 'Rotate the client secret?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Rotate client secret…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
  const second = (await page.getByTestId('client-secret').textContent())!.trim();
  expect(second).toMatch(/^ods_/);
  expect(second).not.toBe(first);
  await expect(page.getByText(/The old secret works too until/)).toBeVisible();
  await expectAccessible(page);

  // The signing key: a new one signs, the old one is still published.
  await page.goto('/applications');
  const keys = page.getByRole('table', { name: 'Signing keys' });
  const before = await keys.getByRole('row').count();
  await page.getByRole('button', { name: 'Rotate signing key…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByText('A new signing key signs from now on.')).toBeVisible();
  await page.reload();
  await expect(keys.getByRole('row')).toHaveCount(before + 1);
  await expect(keys.getByText(/Retired; published until/).first()).toBeVisible();
  const jwks = (await (await page.request.get(`${baseURL}/oidc/jwks`)).json()) as { keys: unknown[] };
  expect(jwks.keys.length).toBeGreaterThanOrEqual(2);

  // Deleting it: confirmed, then gone from the list.
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Delete application…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete application' }).click();
  await expect(page.getByText('Application deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await expectAccessible(page);
});
