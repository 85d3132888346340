import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, suspendOrganization, unique } from './support/helpers';

async function invite(page: Page, to: string) {
  await openSection(page, 'Invitations');
  await page.getByLabel('Email addresses').fill(to);
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${to}.`)).toBeVisible();
}

test('Overview: a bounced invitation is fixed in place with “Fix the address and re-invite”', async ({ page }) => {
  const slug = unique('fix-');
  await createOrganization(page, `Fix ${slug}`, slug);
  const bounced = `bounce-${slug}@mail.example`;
  await invite(page, bounced);
  await openSection(page, 'Overview');
  const state = page.getByRole('region', { name: 'State' });
  // The mail server refuses the address; the Overview names it, with the fix beside it.
  await expect(async () => {
    await page.reload();
    await expect(state.getByText(`The invitation email to ${bounced} bounced`, { exact: false })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(state.getByText('Needs attention', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await state.getByRole('button', { name: `Fix the address and re-invite for ${bounced}` }).click();
  const field = state.getByLabel(`Corrected address for ${bounced}`);
  await expect(field).toBeFocused();
  // A bad address is refused beside the field, keeping what was typed.
  await field.fill('not an address');
  await state.getByRole('button', { name: 'Re-invite' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('not an address');
  await expectAccessible(page);

  const corrected = `fixed-${slug}@mail.example`;
  await field.fill(corrected);
  await state.getByRole('button', { name: 'Re-invite' }).click();
  await expect(state.getByText(`The invitation email to ${bounced}`, { exact: false })).toHaveCount(0);
  await expect(state.getByText('Pending', { exact: true })).toBeVisible();
  await openSection(page, 'Invitations');
  const invitations = page.getByRole('table', { name: 'Invitations' });
  await expect(invitations.getByRole('row', { name: new RegExp(corrected) })).toContainText('Pending');
  await expect(invitations.getByRole('row', { name: new RegExp(bounced) })).toContainText('Revoked');
});

test('Overview: a suspended organization is reactivated from its reason; Ready shows how first end users arrive', async ({ page }) => {
  const slug = unique('susp-');
  await createOrganization(page, `Suspended ${slug}`, slug);
  const state = page.getByRole('region', { name: 'State' });
  // Setup: the next step goes straight to the invitation form.
  await state.getByRole('link', { name: 'Invite the first member' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}/invitations$`));

  await suspendOrganization(page);
  await openSection(page, 'Overview');
  await expect(state.getByText('The organization is suspended.')).toBeVisible();
  await state.getByRole('button', { name: 'Reactivate' }).click();
  await expect(state.getByText('The organization is suspended.')).toHaveCount(0);
  await expect(state.getByText('Setup', { exact: true })).toBeVisible();
  await page.goto(`/organizations/${slug}/activity?action=organization.reactivated`);
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toContainText('Organization reactivated');

  // How first end users arrive: every way listed, none set up yet, with what sets up auto-join.
  await page.goto(`/organizations/${slug}`);
  const arrivals = page.getByRole('region', { name: 'How first end users arrive' });
  await expect(arrivals.getByRole('listitem')).toHaveCount(4);
  await expect(arrivals).toContainText('Auto-join');
  await expect(arrivals).toContainText('Needs a verified domain first');
  await expect(arrivals.getByText('Not set up')).toHaveCount(4);
  await arrivals.getByRole('link', { name: 'Set up auto-join' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}/domains$`));
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the list, the Overview, the members and the sign-in pass axe in the dark theme, at phone and laptop widths', async ({
    page,
    browser,
    baseURL,
  }) => {
    const slug = unique('dark-');
    await page.goto('/organizations');
    // The page is dark: its background, drawn on a canvas, is near black.
    const brightness = await page.evaluate(() => {
      const context = document.createElement('canvas').getContext('2d')!;
      context.fillStyle = getComputedStyle(document.body).backgroundColor;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return (r! + g! + b!) / 3;
    });
    expect(brightness).toBeLessThan(40);
    await expectAccessible(page);
    await createOrganization(page, `Dark ${slug}`, slug);
    await expectAccessible(page);
    await invite(page, `someone-${slug}@dark.example`);
    await expectAccessible(page);
    await openSection(page, 'Members');
    await expectAccessible(page);
    await openSection(page, 'Settings');
    await expectAccessible(page);
    const visitor = await browser.newContext({ baseURL, colorScheme: 'dark', storageState: { cookies: [], origins: [] } });
    const login = await visitor.newPage();
    await login.goto('/login');
    await expectAccessible(login);
    await visitor.close();
  });
});
