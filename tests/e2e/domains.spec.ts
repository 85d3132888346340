import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, memberSignIn, openSection, publishTxt, unique } from './support/helpers';

test('add a domain, publish the record, verify, approve auto-join, and a new person joins by signing in', async ({ page, browser }) => {
  const name = `Umbrella ${unique('')}`;
  const orgUrl = await createOrganization(page, name);
  await openSection(page, 'Domains');

  // A pasted URL is refused with an offer to keep just the domain.
  const domain = `${unique('umbrella')}.example.com`;
  await page.getByLabel('Domain', { exact: true }).fill(`https://${domain}/careers`);
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`That is a web address, not a domain. Keep just “${domain}”?`)).toBeVisible();
  await page.getByRole('button', { name: `Use “${domain}”` }).click();
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue(domain);
  await page.getByRole('button', { name: 'Add domain' }).click();

  const item = page.getByRole('listitem', { name: domain });
  await expect(item.getByText('Pending verification')).toBeVisible();
  await expect(item.getByRole('button', { name: `Copy the record name for ${domain}` })).toBeVisible();
  await expect(item.getByRole('button', { name: `Copy the record value for ${domain}` })).toBeVisible();
  await expectAccessible(page);
  const recordName = `_orgdesk-verification.${domain}`;
  await expect(item.getByText(recordName)).toBeVisible();
  const recordValue = (await item.getByText(/^orgdesk-verification=/).textContent())!.trim();

  // Not there yet: stays pending and says what was found.
  await item.getByRole('button', { name: `Verify now for ${domain}` }).click();
  await expect(item.getByText('No record found: the name doesn’t exist in DNS yet.').first()).toBeVisible();

  await publishTxt(recordName, ['v=spf1 -all', recordValue]);
  await item.getByRole('button', { name: `Verify now for ${domain}` }).click();
  await expect(item.getByText('Verified', { exact: true })).toBeVisible();

  // Auto-join needs the explicit approval, whatever else is sent.
  const autoJoin = page.getByRole('group', { name: 'Auto-join' });
  await autoJoin.getByRole('button', { name: 'Turn auto-join on' }).click();
  await expect(autoJoin.getByText('Approve the access model to turn auto-join on.')).toBeVisible();
  await autoJoin.getByLabel(/I approve this access model/).check();
  await autoJoin.getByRole('button', { name: 'Turn auto-join on' }).click();
  await expect(autoJoin.getByText('Auto-join is on.')).toBeVisible();
  await expect(autoJoin).toContainText('Approved by builder@e2e.test');
  await expectAccessible(page);

  // A new person signs in at the member sign-in page with an address at the domain.
  const person = `${unique('alice')}@${domain}`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const member = await context.newPage();
  await memberSignIn(member, person);
  await expect(member.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await expect(member.getByRole('row', { name: new RegExp(name) })).toContainText('Member');
  await context.close();

  await page.goto(orgUrl);
  await expect(page.getByRole('region', { name: 'State' }).getByText('Active', { exact: true })).toBeVisible();
  await openSection(page, 'Members');
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(person) })).toBeVisible();
  await page.goto(`/organizations?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Active');
});
