import { expect, test } from './support/fixtures';
import { bringIn, createOrganization, expectAccessible, memberSignIn, openSection, unique, waitForMail } from './support/helpers';

test('an organization goes from Setup to every launch check green, and is marked as launched', async ({ page, browser }) => {
  const name = `Launchpad ${unique('')}`;
  await createOrganization(page, name);
  const base = new URL(page.url()).pathname;
  await expect(page.getByRole('region', { name: /Launch check: 1 of 4 checks pass/ })).toBeVisible();

  // The launch check of a new organization: what fails, why, and the way to the fix.
  await openSection(page, 'Launch check');
  await expect(page.getByText('1 of 4 applicable checks pass.')).toBeVisible();
  const check = (title: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
  await expect(check('An intended member has accepted access')).toContainText('Failed');
  await expect(check('SSO tested')).toContainText('Not applicable');
  await expect(check('SSO tested')).toContainText('SSO is not enabled for this organization.');
  await expect(check('No Needs attention state')).toContainText('Passed');
  await expect(page.getByRole('button', { name: 'Mark as launched' })).toBeDisabled();
  await expectAccessible(page);

  // The fix for the email check is a test invitation, delivered to the builder.
  await check('Invitation emails render').getByRole('link', { name: 'Send a test invitation' }).click();
  const since = Date.now();
  await page.getByRole('button', { name: 'Send a test invitation to me' }).click();
  await waitForMail('builder@e2e.test', since);

  // The operating team: an owner accepts, then signs in by email link.
  const owner = `${unique('owner')}@launchpad.example`;
  await bringIn(page, browser, owner, 'Owner');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await memberSignIn(await context.newPage(), owner);
  await context.close();

  // "Check now" re-reads the live parts, step by step, and the list is up to date.
  await page.goto(`${base}/launch`);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText('Checked. The list above is up to date.')).toBeVisible();
  await expect(page.getByText('The last test invitation, to builder@e2e.test, is sent.')).toBeVisible();
  await expect(page.getByText('4 of 4 applicable checks pass.')).toBeVisible();
  await expect(check('An intended member has accepted access')).toContainText(`${owner} accepted an invitation.`);
  await expect(check('Login and access confirmed')).toContainText(`${owner} signed in.`);
  await expect(check('Invitation emails render')).toContainText('A test invitation was delivered to builder@e2e.test');
  await expect(check('Invitation emails render').getByRole('link', { name: 'See the invitation as it renders' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Mark as launched' }).click();
  await expect(page.getByText(/^Launched on .* by builder@e2e\.test\./)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: /^Launch check/ })).toContainText(
    'Launched',
  );
  await expectAccessible(page);

  // The Overview and the organization list show it.
  await openSection(page, 'Overview');
  await expect(page.getByRole('region', { name: /^Launched / })).toContainText('Every applicable launch check still passes.');
  await page.goto(`/organizations?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(/Launched \w{3} \d{1,2}/);
  await expectAccessible(page);
});

test('the list sorts by launch progress and filters those ready to launch', async ({ page }) => {
  const prefix = unique('Ready');
  await createOrganization(page, `${prefix} one`);
  await page.goto(`/organizations?q=${encodeURIComponent(prefix)}&sort=launch`);
  await expect(page.getByRole('row', { name: new RegExp(`${prefix} one`) })).toContainText('1/4 checks');
  await page.getByRole('link', { name: 'Only those ready to launch' }).click();
  await expect(page.getByRole('heading', { name: 'No organization here is ready to launch' })).toBeVisible();
  await expect(page.getByText('0 organizations ready to launch')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'See the closest to launch first' }).click();
  await expect(page.getByLabel('Sort')).toHaveValue('launch');
  await expect(page.getByRole('row', { name: new RegExp(`${prefix} one`) })).toBeVisible();
});
