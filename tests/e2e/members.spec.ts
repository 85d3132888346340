import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, linkIn, openSection, unique, waitForMail } from './support/helpers';

/** Invites `to` with `role`, and accepts in a fresh browser, as the invited person would. */
async function bringIn(page: Page, browser: Browser, to: string, role: string) {
  const since = Date.now();
  await page.getByLabel('Email addresses').fill(to);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByRole('heading', { name: 'Review before sending' })).toBeVisible();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${to}.`)).toBeVisible();
  const link = linkIn((await waitForMail(to, since)).html, '/invite/');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(invitee).toHaveURL(/\/account\?joined=/);
  await context.close();
}

test('change a member’s role (asked first when it crosses the operating team), suspend, reactivate, remove; the last owner stays', async ({
  page,
  browser,
}) => {
  const name = `Members ${unique('')}`;
  const orgUrl = await createOrganization(page, name);
  await openSection(page, 'Invitations');
  const owner = `${unique('owner')}@members.example`;
  const member = `${unique('member')}@members.example`;
  await bringIn(page, browser, owner, 'Owner');
  await bringIn(page, browser, member, 'Member');
  await openSection(page, 'Members');
  await expectAccessible(page);

  const members = page.getByRole('table', { name: 'Members' });
  const memberRow = members.getByRole('row').filter({ hasText: member });
  await memberRow.getByLabel(`Role for ${member}`).selectOption({ label: 'Admin' });
  await memberRow.getByRole('button', { name: `Change role for ${member}` }).click();
  const confirm = page.getByRole('dialog', { name: `Make ${member} Admin?` });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('joins the operating team');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Change role' }).click();
  await expect(memberRow.getByRole('cell').nth(1)).toHaveText('Admin');

  await memberRow.getByRole('button', { name: `Suspend ${member}` }).click();
  await page
    .getByRole('dialog', { name: `Suspend ${member}?` })
    .getByRole('button', { name: 'Suspend member' })
    .click();
  await expect(memberRow.getByRole('cell').nth(2)).toHaveText('suspended');
  await memberRow.getByRole('button', { name: `Reactivate ${member}` }).click();
  await expect(memberRow.getByRole('cell').nth(2)).toHaveText('active');

  // The only owner can't be demoted: the reason says what to do instead.
  const ownerRow = members.getByRole('row').filter({ hasText: owner });
  await ownerRow.getByLabel(`Role for ${owner}`).selectOption({ label: 'Admin' });
  await ownerRow.getByRole('button', { name: `Change role for ${owner}` }).click();
  await expect(ownerRow.getByRole('alert')).toContainText('last active owner. Make another member an owner first');
  await expect(ownerRow.getByRole('cell').nth(1)).toHaveText('Owner');

  await memberRow.getByRole('button', { name: `Remove ${member}` }).click();
  await page
    .getByRole('dialog', { name: `Remove ${member} from this organization?` })
    .getByRole('button', { name: 'Remove member' })
    .click();
  await expect(members.getByRole('row').filter({ hasText: member })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(`${orgUrl}/activity?action=member.role_changed`);
  await expect(page.getByRole('row').filter({ hasText: 'Member role changed' }).filter({ hasText: 'role: Member → Admin' })).toBeVisible();
});
