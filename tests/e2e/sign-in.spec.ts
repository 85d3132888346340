import { expect, test } from './support/fixtures';
import { expectAccessible, linkIn, mailbox, unique, waitForMail } from './support/helpers';

// These journeys start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test('console pages send a visitor to sign in', async ({ page }) => {
  await page.goto('/organizations/new');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Forganizations%2Fnew$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Orgdesk' })).toBeVisible();
  await expectAccessible(page);
});

test('a builder signs in through the email link; the link works once', async ({ page, browser }) => {
  const email = `${unique('lead')}@builders.e2e.test`;
  const since = Date.now();
  await page.goto('/login');
  await expectAccessible(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expectAccessible(page);

  const mail = await waitForMail(email, since);
  expect(mail.subject).toBe('Sign in to Orgdesk');
  const link = linkIn(mail.html, '/login/verify');
  expect(mail.text).toContain(link);

  // Opening the link changes nothing until the builder confirms with a POST.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirm sign-in' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  // A second use of the same link, from another browser, is refused.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('heading', { name: 'You’re not signed in' })).toBeVisible();
  await expect(second.getByText('already been used or has expired')).toBeVisible();
  await expectAccessible(second);
  await other.close();

  // Signing out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/organizations');
  await expect(page).toHaveURL(/\/login/);
});

test('a GET of the raw callback never signs in', async ({ page }) => {
  const email = `${unique('get')}@builders.e2e.test`;
  const since = Date.now();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const link = new URL(linkIn((await waitForMail(email, since)).html, '/login/verify'));
  await page.goto(`/api/auth/callback/nodemailer${link.search}`);
  await expect(page.getByRole('heading', { name: 'Confirm sign-in' })).toBeVisible();
  await page.goto('/organizations');
  await expect(page).toHaveURL(/\/login/);
});

test('someone who is not a builder sees the same page and gets no email', async ({ page }) => {
  const email = `${unique('stranger')}@elsewhere.e2e.test`;
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.waitForTimeout(1000);
  expect((await mailbox()).filter((m) => m.to.includes(email))).toEqual([]);
});

test('a malformed address gets a field error and keeps what was typed', async ({ page }) => {
  await page.goto('/login');
  const field = page.getByLabel('Email address');
  await field.fill('ops@corp.com, boss@corp.com');
  await field.press('Enter');
  await expect(page.getByText('Enter one address only, not a list.')).toBeVisible();
  await expect(field).toHaveValue('ops@corp.com, boss@corp.com');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('sign-in requests are rate-limited per address', async ({ page }) => {
  const email = `${unique('flood')}@elsewhere.e2e.test`;
  for (let i = 0; i < 5; i++) {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  }
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByText(/Too many sign-in requests\. Wait \d+ minutes and try again\./)).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue(email);
});
