import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/helpers';

// This project's app runs without SMTP_URL outside production: mail goes to the dev mailbox.
test.use({ storageState: { cookies: [], origins: [] } });

test('in development, the sign-in link lands in the dev mailbox, linked from the sign-in page, and its link works', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByText('Development: no SMTP server is configured')).toBeVisible();
  await expect(page.getByText('A builder address here is builder@orgdesk.localhost.')).toBeVisible();
  await page.getByLabel('Email address').fill('builder@orgdesk.localhost');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.getByRole('link', { name: 'dev mailbox' }).click();

  await expect(page.getByRole('heading', { name: 'Dev mailbox' })).toBeVisible();
  const row = page.getByRole('row', { name: /Sign in to Orgdesk/ }).first();
  await expect(row).toContainText('builder@orgdesk.localhost');
  await expect(row.getByRole('cell').last()).toHaveText(/\d{4}.*\d{1,2}:\d{2}/);
  await expectAccessible(page);
  await row.getByRole('link', { name: 'Sign in to Orgdesk' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in to Orgdesk', level: 1 })).toBeVisible();
  await expect(page.getByText('Plain-text part')).toBeVisible();
  await expect(page.getByText('"Orgdesk" <no-reply@orgdesk.localhost>')).toBeVisible();
  // Long links are shown whole, never cut off.
  const links = page.getByRole('region', { name: 'Links in this message' }).getByRole('link');
  await expect(links).toHaveCount(1);
  const href = await links.getAttribute('href');
  expect(href).toMatch(/^http:\/\/localhost:\d+\/login\/verify\?/);
  await expect(links).toHaveText(href!);
  await expectAccessible(page, { skipFrames: true });
  await expect(page.frameLocator('iframe').getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', href!);
  await links.click();
  await expect(page).toHaveURL(/\/login\/verify/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dev mailbox' })).toBeVisible();
});

test('in development, the member sign-in page links to the dev mailbox too', async ({ page }) => {
  await page.goto('/account/login');
  await page.getByRole('link', { name: 'dev mailbox' }).click();
  await expect(page.getByRole('heading', { name: 'Dev mailbox' })).toBeVisible();
});
