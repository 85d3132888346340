import { expect, test } from './support/fixtures';
import { bringIn, createOrganization, expectAccessible, memberSignIn, openSection, unique } from './support/helpers';

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

  // Each row says how the member joined and when they last signed in.
  await expect(memberRow.getByRole('cell').nth(3)).toContainText('via Invitation');
  await expect(memberRow.getByRole('cell').nth(4)).toHaveText('Never');

  await memberRow.getByRole('button', { name: `Suspend ${member}` }).click();
  await page
    .getByRole('dialog', { name: `Suspend ${member}?` })
    .getByRole('button', { name: 'Suspend member' })
    .click();
  await expect(memberRow.getByRole('cell').nth(2)).toHaveText('suspended');

  // A suspended member's sign-in is refused, with what to do.
  const memberContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const memberPage = await memberContext.newPage();
  await memberSignIn(memberPage, member);
  await expect(memberPage.getByRole('heading', { name: 'You’re not signed in' })).toBeVisible();
  await expect(memberPage.getByText('Your membership is suspended')).toBeVisible();
  await expectAccessible(memberPage);
  await memberPage.goto('/account');
  await expect(memberPage).toHaveURL(/\/account\/login/);

  await memberRow.getByRole('button', { name: `Reactivate ${member}` }).click();
  await expect(memberRow.getByRole('cell').nth(2)).toHaveText('active');
  // Reactivated, they sign in, and the builder sees when.
  await memberSignIn(memberPage, member);
  await expect(memberPage.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await memberContext.close();
  await page.reload();
  await expect(memberRow.getByRole('cell').nth(4)).not.toHaveText('Never');
  await expect(memberRow.getByRole('cell').nth(4)).toHaveText(/\d{4}/);

  // Search finds a member by address; a miss says so.
  await page.getByRole('searchbox', { name: 'Search members by email or name' }).fill(member.slice(0, 12));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(members.getByRole('row')).toHaveCount(2);
  await expect(members).toContainText(member);
  await page.getByRole('searchbox', { name: 'Search members by email or name' }).fill('nobody-here');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'No member matches “nobody-here”' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Clear' }).click();

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
