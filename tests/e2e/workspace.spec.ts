import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('the organization is a workspace: each section has its own URL, the nav marks the current one and shows what needs action', async ({
  page,
}) => {
  const slug = unique('ws-');
  expect(await createOrganization(page, `Workspace ${slug}`, slug)).toBe(`/organizations/${slug}`);
  const nav = page.getByRole('navigation', { name: 'Organization sections' });
  await expect(nav.getByRole('link')).toHaveText([
    'Overview',
    /^Launch check/,
    /^Members/,
    'Invitations',
    'Domains',
    'SSO',
    'Directory',
    'Setup links',
    'Roles & groups',
    'Activity',
    'Settings',
  ]);
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('region', { name: 'State' })).toBeVisible();
  await expectAccessible(page);

  // From the keyboard: Tab to a section and press Enter.
  const members = nav.getByRole('link', { name: /^Members/ });
  for (let i = 0; i < 20 && !(await members.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(members).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}/members$`));
  await expect(members).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'No members yet' })).toBeVisible();
  await expect(page).toHaveTitle(`Members · Workspace ${slug} · Orgdesk`);
  await expectAccessible(page);

  await openSection(page, 'Invitations');
  await page.getByLabel('Email addresses').fill(`${unique('first')}@workspace.example`);
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(nav.getByRole('link', { name: /^Invitations/ })).toContainText('1 pending');
  await expectAccessible(page);

  await openSection(page, 'Domains');
  await page.getByLabel('Domain', { exact: true }).fill(`${slug}.example.com`);
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(nav.getByRole('link', { name: /^Domains/ })).toContainText('1 unverified');
  await expectAccessible(page);

  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Settings' })).toBeVisible();
  await expectAccessible(page);

  // A section's URL can be shared and opened directly.
  await page.goto(`/organizations/${slug}/activity`);
  await expect(nav.getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toContainText('Domain added');
});
