import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, unique } from './support/helpers';

test('create an API key (shown once), the app reads its organization and reports end-user activity with it; revoked, it is refused', async ({
  page,
  playwright,
}) => {
  const name = `Keyed ${unique('')}`;
  await createOrganization(page, name);
  const slug = new URL(page.url()).pathname.split('/').at(-1)!;

  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expectAccessible(page);

  // Bad input: no scope, an unknown organization; field errors, what was typed stays.
  await page.getByLabel('Name', { exact: true }).fill('Production app');
  await page.getByLabel('Only this organization (optional)').fill('no-such-organization');
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByText('Choose at least one scope.')).toBeVisible();
  await page.getByLabel(/^activity\.report/).check();
  await page.getByLabel(/^organizations\.read/).check();
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByText('No organization has the slug “no-such-organization”.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Production app');

  await page.getByLabel('Only this organization (optional)').fill(slug);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = (await page.getByTestId('api-key').textContent())!.trim();
  expect(key).toMatch(/^odk_/);
  const row = page.getByRole('row', { name: /Production app/ }).first();
  await expect(row).toContainText(name);
  await expect(row).toContainText('Never');
  await expectAccessible(page);

  // The app, over HTTP: its organization, then an end user's activity.
  const app = await playwright.request.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  const list = await app.get('/api/v1/organizations');
  expect(list.status()).toBe(200);
  expect(list.headers()['x-request-id']).toBeTruthy();
  const [organization] = ((await list.json()) as { data: { id: string; slug: string; state: string }[] }).data;
  expect(organization).toMatchObject({ slug, state: 'setup' });
  const activity = await app.post(`/api/v1/organizations/${organization!.id}/activity`, { data: { email: 'end-user@customer.example' } });
  expect(activity.status()).toBe(201);

  await page.reload();
  await expect(page.getByRole('row', { name: /Production app/ }).first()).not.toContainText('Never');

  // Revoked: the next request is refused.
  await page
    .getByRole('row', { name: /Production app/ })
    .first()
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('row', { name: /Production app/ }).first()).toContainText('Revoked');
  expect((await app.get('/api/v1/organizations')).status()).toBe(401);
  await app.dispose();
});

test('the API reference: every endpoint from the OpenAPI document, reachable from the keyboard', async ({ page, playwright }) => {
  await page.goto('/api-keys');
  await page.getByRole('link', { name: 'Read the API reference' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  await expectAccessible(page);
  const addMember = page.getByRole('article', { name: 'Add a member' });
  await expect(addMember).toContainText('/api/v1/organizations/{id}/members');
  await expect(addMember).toContainText('members.manage');
  await expect(addMember.getByRole('cell', { name: /^email/ })).toBeVisible();

  // The table of contents jumps to an endpoint from the keyboard.
  const link = page.getByRole('navigation', { name: 'Endpoints' }).getByRole('link', { name: /A person’s effective permissions/ });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#getMemberPermissions$/);

  // The document it reads is served as is, without a key.
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const doc = await anonymous.get('/api/v1/openapi.json');
  expect(doc.status()).toBe(200);
  const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(body.openapi).toBe('3.1.0');
  expect(Object.keys(body.paths)).toContain('/organizations/{id}/permissions');
  await anonymous.dispose();
});
