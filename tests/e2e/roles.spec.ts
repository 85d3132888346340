import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('a builder adds an app permission, creates a custom role with it, invites with it, then deletes the role after moving its users', async ({
  page,
}) => {
  const tag = unique('r');
  const permission = `reports:${tag}`;
  const key = `support-${tag}`;
  await page.goto('/organizations');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  const roles = page.getByRole('table', { name: 'Roles' });
  await expect(roles.getByRole('row', { name: /Owner/ })).toContainText('organizations.delete');
  await expect(roles.getByRole('row', { name: /^Member/ })).toContainText('None');
  await expectAccessible(page);

  // The app's own permission key.
  await page.getByLabel('Permission key').fill(permission);
  await page.getByLabel('What it allows').fill('Export reports as CSV.');
  await page.getByRole('button', { name: 'Add permission' }).click();
  await expect(page.getByRole('table', { name: 'Permissions' }).getByRole('row', { name: new RegExp(permission) })).toBeVisible();

  // A taken key is refused beside the field, keeping what was typed.
  const create = page.getByRole('region', { name: 'Create a custom role' });
  await create.getByLabel('Name', { exact: true }).fill(`Support ${tag}`);
  await create.getByLabel('Key', { exact: true }).fill('owner');
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(create.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(create.getByText('“owner” is already used by another role.')).toBeVisible();
  await expect(create.getByLabel('Name', { exact: true })).toHaveValue(`Support ${tag}`);
  await expectAccessible(page);

  await create.getByLabel('Key', { exact: true }).fill(key);
  await create.getByLabel('Description', { exact: true }).fill('Answers customers; reads the audit log.');
  await create.getByRole('checkbox', { name: /audit\.read/ }).check();
  await create.getByRole('checkbox', { name: new RegExp(permission) }).check();
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(new RegExp(`/roles/${key}\\?created=1$`));
  await expect(page.getByRole('heading', { level: 1, name: `Support ${tag}` })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /audit\.read/ })).toBeChecked();
  await expectAccessible(page);

  // Invite someone with it: the organization offers the role.
  await createOrganization(page, `Roles ${tag}`);
  await openSection(page, 'Invitations');
  const to = `${tag}@roles.example`;
  await page.getByLabel('Email addresses').fill(to);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: `Support ${tag}` });
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByText(`invited as Support ${tag}`)).toBeVisible();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByRole('table', { name: 'Invitations' }).getByRole('row', { name: new RegExp(to) })).toContainText(`Support ${tag}`);

  // In use: deleting asks where its invitation goes, and refuses until told.
  await page.goto(`/roles/${key}`);
  await expect(page.getByText('In use by 1 invitation.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete role…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete Support ${tag}?` });
  await dialog.getByRole('button', { name: 'Move and delete' }).click();
  await expect(dialog.getByLabel('Move them to')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await dialog.getByLabel('Move them to').selectOption({ label: 'Member' });
  await dialog.getByRole('button', { name: 'Move and delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/roles\\?deleted=${key}$`));
  await expect(page.getByRole('status').filter({ hasText: `Role ${key} deleted.` })).toBeVisible();
  await expect(roles.getByRole('row', { name: new RegExp(key) })).toHaveCount(0);
});
