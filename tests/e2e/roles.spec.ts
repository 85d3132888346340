import { expect, test } from './support/fixtures';
import { bringIn, createOrganization, expectAccessible, memberSignIn, openSection, unique } from './support/helpers';

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

test('a custom role and a group’s role reach a member: the member page shows each effective permission with its source', async ({
  page,
  browser,
  baseURL,
}) => {
  const tag = unique('g');
  const permission = `billing:${tag}`;
  const key = `finance-${tag}`;
  // The app's permission and a role holding it.
  await page.goto('/roles');
  await page.getByLabel('Permission key').fill(permission);
  await page.getByLabel('What it allows').fill('Manage invoices.');
  await page.getByRole('button', { name: 'Add permission' }).click();
  await expect(page.getByRole('table', { name: 'Permissions' }).getByRole('row', { name: new RegExp(permission) })).toBeVisible();
  const create = page.getByRole('region', { name: 'Create a custom role' });
  await create.getByLabel('Name', { exact: true }).fill(`Finance ${tag}`);
  await create.getByLabel('Key', { exact: true }).fill(key);
  await create.getByRole('checkbox', { name: new RegExp(permission) }).check();
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(new RegExp(`/roles/${key}\\?created=1$`));

  // A member, brought in as Member.
  const orgUrl = await createOrganization(page, `Groups ${tag}`);
  await openSection(page, 'Invitations');
  const person = `${tag}@groups.example`;
  await bringIn(page, browser, person, 'Member');

  // A group that gives the custom role; the member joins it.
  await openSection(page, 'Roles & groups');
  await expect(page.getByRole('region', { name: 'Roles in use' })).toContainText('Member · 1 member');
  await expectAccessible(page);
  await page.getByLabel('Group name').fill('Billing team');
  await page
    .getByRole('region', { name: 'Groups' })
    .getByRole('checkbox', { name: `Finance ${tag}` })
    .last()
    .check();
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Billing team' })).toBeVisible();
  await page.getByLabel('Add a member to Billing team').selectOption({ label: person });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const group = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Billing team' }) });
  await expect(group.getByRole('link', { name: person })).toBeVisible();
  await expectAccessible(page);

  // The member's page: the permission, from the group.
  await group.getByRole('link', { name: person }).click();
  await expect(page).toHaveURL(new RegExp(`${orgUrl}/members/[0-9a-f-]{36}$`));
  const effective = page.getByRole('table', { name: 'Effective permissions' });
  await expect(effective.getByRole('row', { name: new RegExp(permission) })).toContainText(`Group Billing team (${key})`);
  await expect(page.getByText('Billing team', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Added to group');
  await expectAccessible(page);

  // Given the role directly as well, the permission has both sources.
  await openSection(page, 'Members');
  const row = page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: person });
  await row.getByLabel(`Role for ${person}`).selectOption({ label: `Finance ${tag}` });
  await row.getByRole('button', { name: `Change role for ${person}` }).click();
  await expect(row.getByRole('cell').nth(1)).toHaveText(`Finance ${tag}`);
  await row.getByRole('link', { name: person }).click();
  await expect(effective.getByRole('row', { name: new RegExp(permission) })).toContainText(`Role ${key}; Group Billing team (${key})`);

  // The member sees it too, in their own area.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const own = await context.newPage();
  await memberSignIn(own, person);
  await expect(
    own.getByRole('table', { name: 'Your organizations' }).getByRole('row', { name: new RegExp(`Groups ${tag}`) }),
  ).toContainText(permission);
  await expectAccessible(own);
  await context.close();
});
