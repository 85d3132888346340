import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, openSection, suspendOrganization, unique } from './support/helpers';

async function createOrganization(page: Page, name: string, slug?: string) {
  await page.goto('/organizations/new');
  await page.getByLabel('Organization name').fill(name);
  if (slug !== undefined) await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create Organization' }).click();
}

test('create an organization from the list, and find it under Needs action as Setup', async ({ page }) => {
  const tag = unique('cafe');
  await page.goto('/organizations');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Create Organization' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create Organization' })).toBeVisible();
  await expect(page.getByText('use a safe test name', { exact: false })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Organization name').fill(`Café Münster ${tag}`);
  await expect(page.getByLabel('Slug')).toHaveValue(`cafe-munster-${tag}`);
  await page.getByRole('button', { name: 'Create Organization' }).click();

  await expect(page).toHaveURL(new RegExp(`/organizations/cafe-munster-${tag}\\?created=1$`));
  await expect(page.getByRole('heading', { level: 1, name: `Café Münster ${tag}` })).toBeVisible();
  await expect(page).toHaveTitle(`Café Münster ${tag} · Orgdesk`);
  const statePanel = page.getByRole('region', { name: 'State' });
  await expect(statePanel.getByText('Setup', { exact: true })).toBeVisible();
  await expect(statePanel.getByText('Invite the first member.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Organizations', exact: true }).first().click();
  await page.getByRole('link', { name: /^Needs action/ }).click();
  await expect(page).toHaveURL(/filter=needs-action/);
  const row = page.getByRole('row', { name: new RegExp(tag) });
  await expect(row.getByText('Setup', { exact: true })).toBeVisible();
  await expect(row.getByText('Invite the first member.')).toBeVisible();
  await expectAccessible(page);
});

test('a hand-edited slug stops following the name; a name with no Latin letters asks for one', async ({ page }) => {
  await page.goto('/organizations/new');
  await page.getByLabel('Organization name').fill('日本株式会社');
  await expect(page.getByLabel('Slug')).toHaveValue('');
  await expect(page.getByText('This name has no Latin letters')).toBeVisible();
  const slug = unique('nihon-');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Organization name').fill('日本株式会社 Japan');
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}`));
});

test('a duplicate slug and an invalid name get clear errors and keep what was typed', async ({ page }) => {
  const slug = unique('dup-');
  await createOrganization(page, `Dup ${slug}`, slug);
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}`));

  await createOrganization(page, 'Second try', slug);
  await expect(page.getByText(`“${slug}” is already taken. “${slug}-2” is free.`)).toBeVisible();
  await expect(page.getByLabel('Organization name')).toHaveValue('Second try');
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByRole('button', { name: `Use “${slug}-2”` }).click();
  await expect(page.getByLabel('Slug')).toHaveValue(`${slug}-2`);
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}-2`));

  await page.goto('/organizations/new');
  await page.getByLabel('Slug').fill('valid-slug-kept');
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(page.getByLabel('Slug')).toHaveValue('valid-slug-kept');

  await page.getByLabel('Organization name').fill('x'.repeat(101));
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page.getByText('Use at most 100 characters.')).toBeVisible();
  await expect(page.getByLabel('Organization name')).toHaveValue('x'.repeat(101));

  await page.getByLabel('Organization name').fill('Reserved');
  await page.getByLabel('Slug').fill('admin');
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page.getByText('“admin” is reserved. Choose another slug.')).toBeVisible();
});

test('switch chips and search; both live in the URL', async ({ page }) => {
  const tag = unique('chip');
  await createOrganization(page, `Alpha ${tag}`);
  await expect(page).toHaveURL(/created=1/);
  await createOrganization(page, `Beta ${tag}`);
  await expect(page).toHaveURL(/created=1/);
  // Suspend Beta so it needs attention.
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Suspend organization…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('button', { name: 'Reactivate organization' })).toBeVisible();
  await openSection(page, 'Overview');
  await expect(page.getByRole('region', { name: 'State' }).getByText('Needs attention', { exact: true })).toBeVisible();

  await page.goto('/organizations');
  await page.getByRole('searchbox', { name: 'Search by name or slug' }).fill(tag);
  await page.getByRole('searchbox', { name: 'Search by name or slug' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByRole('link', { name: /^All/ })).toContainText('2');
  await expect(page.getByRole('link', { name: /^Needs action/ })).toContainText('2');
  await expect(page.getByRole('link', { name: /^Waiting/ })).toContainText('0');

  await page.getByRole('link', { name: /^Waiting/ }).click();
  await expect(page).toHaveURL(new RegExp(`filter=waiting&q=${tag}`));
  await expect(page.getByRole('heading', { name: `No organizations match “${tag}”` })).toBeVisible();
  // The empty search says where the matches are, with links.
  await expect(page.getByText('Other chips hold matches:')).toBeVisible();
  await page.getByRole('link', { name: 'Needs action (2)' }).click();
  await expect(page).toHaveURL(new RegExp(`filter=needs-action&q=${tag}`));
  await expect(page.getByText('Showing Needs action: Setup and Needs attention.')).toBeVisible();
  // The next step is the organization's most important reason, when it has one.
  await expect(page.getByRole('row', { name: new RegExp(`Beta ${tag}`) })).toContainText('The organization is suspended.');
  await expect(page.getByRole('row', { name: new RegExp(`Alpha ${tag}`) })).toContainText('Invite the first member.');

  // Reloading a shared URL restores the view.
  await page.goto(`/organizations?filter=needs-action&q=${tag}`);
  await expect(page.getByRole('link', { name: /^Needs action/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('row', { name: new RegExp(`Beta ${tag}`) }).getByText('Needs attention')).toBeVisible();
  await expectAccessible(page);
});

test('rename, change slug (the old one redirects), suspend with reasons, reactivate, delete with typed confirmation', async ({ page }) => {
  const slug = unique('life-');
  await createOrganization(page, `Lifecycle ${slug}`, slug);
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}`));
  await openSection(page, 'Settings');
  const settings = page.getByRole('region', { name: 'Settings' });

  await settings.getByLabel('Organization name').fill('');
  await settings.getByRole('button', { name: 'Rename' }).click();
  await expect(settings.getByText('Enter a name.')).toBeVisible();
  await settings.getByLabel('Organization name').fill(`Renamed ${slug}`);
  await settings.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Renamed ${slug}` })).toBeVisible();

  await settings.getByLabel('Slug', { exact: true }).fill(`${slug}-new`);
  await settings.getByRole('button', { name: 'Change slug' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}-new\\?slugChanged=1`));
  await page.goto(`/organizations/${slug}`);
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}-new$`));
  const state = page.getByRole('region', { name: 'State' });

  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Suspend organization…' }).click();
  const suspendDialog = page.getByRole('dialog', { name: /Suspend/ });
  await expect(suspendDialog).toBeVisible();
  await expectAccessible(page);
  await suspendDialog.getByRole('button', { name: 'Cancel' }).click();
  await openSection(page, 'Overview');
  await expect(state.getByText('Setup', { exact: true })).toBeVisible();
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Suspend organization…' }).click();
  await suspendDialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('button', { name: 'Reactivate organization' })).toBeVisible();
  await openSection(page, 'Overview');
  await expect(state.getByText('Needs attention', { exact: true })).toBeVisible();
  await expect(state.getByText('The organization is suspended.')).toBeVisible();
  await expect(state.getByText('Review before continuing customer activity.')).toBeVisible();

  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Reactivate organization' }).click();
  await expect(page.getByRole('button', { name: 'Suspend organization…' })).toBeVisible();
  await openSection(page, 'Overview');
  await expect(state.getByText('Setup', { exact: true })).toBeVisible();

  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Delete organization…' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete/ });
  await dialog.getByLabel('Slug to confirm').fill('wrong');
  await dialog.getByRole('button', { name: 'Delete organization' }).click();
  await expect(dialog.getByText(`Type “${slug}-new” exactly to confirm.`)).toBeVisible();
  await expect(dialog.getByLabel('Slug to confirm')).toHaveValue('wrong');
  await expectAccessible(page);
  await dialog.getByLabel('Slug to confirm').fill(`${slug}-new`);
  await dialog.getByRole('button', { name: 'Delete organization' }).click();
  await expect(page).toHaveURL(/\/organizations\?deleted=/);
  await expect(page.getByRole('status').filter({ hasText: `Organization ${slug}-new deleted.` })).toBeVisible();
  await page.goto(`/organizations/${slug}-new`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  // The console's header stays on its error pages.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectAccessible(page);
});

test('the create flow works from the keyboard alone', async ({ page }) => {
  const tag = unique('keys');
  await page.goto('/organizations');
  const create = page.getByRole('link', { name: 'Create Organization' }).first();
  for (let i = 0; i < 12 && !(await create.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(create).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Organization name')).toBeVisible();
  await page.getByLabel('Organization name').focus();
  await page.keyboard.type(`Keyboard ${tag}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/organizations/keyboard-${tag}`));
});

test('a destructive confirmation works from the keyboard: Escape sends nothing, Enter confirms', async ({ page }) => {
  const tag = unique('keysuspend');
  await page.goto('/organizations/new');
  await page.getByLabel('Organization name').fill(`Keys ${tag}`);
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page).toHaveURL(/created=1/);
  const state = page.getByRole('region', { name: 'State' });
  const settingsUrl = `${page.url().replace(/\?.*$/, '')}/settings`;
  await page.goto(settingsUrl);

  const trigger = page.getByRole('button', { name: 'Suspend organization…' });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Suspend/ });
  await expect(dialog).toBeVisible();
  // The modal holds focus: it starts inside the dialog, and Tab stays there.
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await openSection(page, 'Overview');
  await expect(state.getByText('Setup', { exact: true })).toBeVisible();

  await page.goto(settingsUrl);
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Reactivate organization' })).toBeVisible();
  await openSection(page, 'Overview');
  await expect(state.getByText('Needs attention', { exact: true })).toBeVisible();
  await expect(state.getByText('The organization is suspended.')).toBeVisible();
});

test('the list pager says where you are: “1–25 of 27”, then “26–27 of 27”, and back; the list sorts by name and by severity', async ({
  page,
}) => {
  const tag = unique('pager');
  for (let i = 0; i < 27; i++) {
    await page.goto('/organizations/new');
    await page.getByLabel('Organization name').fill(`Pager ${tag} ${i}`);
    await page.getByRole('button', { name: 'Create Organization' }).click();
    await expect(page).toHaveURL(/created=1/);
  }
  await page.goto(`/organizations?q=${tag}`);
  const pager = page.getByRole('navigation', { name: 'Organizations pages' });
  await expect(pager).toContainText('1–25 of 27');
  await pager.getByRole('link', { name: 'Next' }).click();
  await expect(pager).toContainText('26–27 of 27');
  await expect(page.getByRole('table', { name: 'Organizations' }).getByRole('row')).toHaveCount(3);
  await expectAccessible(page);
  await pager.getByRole('link', { name: 'Previous' }).click();
  await expect(pager).toContainText('1–25 of 27');

  // Sorted by name (A to Z, as text: 0, 1, 10 … 19, 2, 20 … 26, 3 … 9), the pager keeps the sort.
  const table = page.getByRole('table', { name: 'Organizations' });
  await page.getByLabel('Sort').selectOption({ label: 'Name, A to Z' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(table.getByRole('row').nth(1)).toContainText(`Pager ${tag} 0`);
  await expect(table.getByRole('row').nth(2)).toContainText(`Pager ${tag} 1`);
  await expect(table.getByRole('row').nth(3)).toContainText(`Pager ${tag} 10`);
  await pager.getByRole('link', { name: 'Next' }).click();
  await expect(pager).toContainText('26–27 of 27');
  await expect(table.getByRole('row').nth(1)).toContainText(`Pager ${tag} 8`);
  await expect(table.getByRole('row').nth(2)).toContainText(`Pager ${tag} 9`);
  await expect(page.getByLabel('Sort')).toHaveValue('name');
  await expectAccessible(page);

  // Suspend one: sorted by severity, Needs attention comes first; under Needs action that is the default.
  await table.getByRole('link', { name: `Pager ${tag} 8` }).click();
  await suspendOrganization(page);
  await page.goto(`/organizations?q=${tag}&sort=severity`);
  await expect(table.getByRole('row').nth(1)).toContainText(`Pager ${tag} 8`);
  await expect(table.getByRole('row').nth(1)).toContainText('Needs attention');
  await page.goto(`/organizations?q=${tag}&filter=needs-action`);
  await expect(page.getByLabel('Sort')).toHaveValue('severity');
  await expect(table.getByRole('row').nth(1)).toContainText(`Pager ${tag} 8`);
  await expect(table.getByRole('row').nth(2)).toContainText('Setup');
});
