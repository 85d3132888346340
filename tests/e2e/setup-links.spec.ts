import { idpMetadataXml } from '../support/saml-idp';
import { startTestIdp } from '../support/saml-idp-server';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, publishTxt, unique } from './support/helpers';

test('an IT admin verifies a domain and connects SSO through a setup link in a fresh browser, while the builder watches; revoked, it stops', async ({
  page,
  browser,
}) => {
  const idp = await startTestIdp(`http://www.okta.com/${unique('exk')}`);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const name = `Globex ${unique('')}`;
    await createOrganization(page, name);
    await openSection(page, 'Setup links');
    await expect(page.getByRole('heading', { name: 'No setup links yet' })).toBeVisible();
    await expectAccessible(page);

    // Bad input: nothing chosen and a bad address; field errors, what was typed stays, nothing is made.
    await page.getByLabel(/^Domain verification/).uncheck();
    await page.getByLabel(/^Single sign-on/).uncheck();
    await page.getByLabel('Email it to (optional)').fill('it-admin at globex');
    await page.getByRole('button', { name: 'Create setup link' }).click();
    await expect(page.getByText('Choose at least one thing the link may set up.')).toBeVisible();
    await expect(page.getByLabel('Email it to (optional)')).toHaveValue('it-admin at globex');
    await expect(page.getByRole('heading', { name: 'No setup links yet' })).toBeVisible();

    await page.getByLabel(/^Domain verification/).check();
    await page.getByLabel(/^Single sign-on/).check();
    await page.getByLabel(/^Directory sync/).check();
    await page.getByLabel('Email it to (optional)').fill('');
    await page.getByLabel('Works for').selectOption({ label: '7 days' });
    await page.getByRole('button', { name: 'Create setup link' }).click();
    const url = (await page.getByTestId('setup-link-url').textContent())!.trim();
    expect(url).toMatch(/\/setup\/setup_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /Copied link/ });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Not opened yet');
    await expect(row).toContainText('Domain verification: not started');
    await expectAccessible(page);

    // The IT admin, in a browser with no session: a guided page for this organization only.
    const admin = await context.newPage();
    await admin.goto(url);
    await expect(admin.getByRole('heading', { level: 1, name: `Set up ${name}` })).toBeVisible();
    await expect(admin.getByRole('navigation', { name: 'Organization sections' })).toHaveCount(0);
    await expect(admin.getByRole('heading', { name: 'Step 1: Domain verification' })).toBeVisible();
    await expect(admin.getByRole('heading', { name: 'Step 2: Single sign-on' })).toBeVisible();
    await expect(admin.getByRole('heading', { name: 'Step 3: Directory sync' })).toBeVisible();
    await expect(admin.getByRole('group', { name: 'Auto-join' })).toHaveCount(0);
    await expectAccessible(admin);

    // The builder sees it opened (the page's script reported it).
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('row', { name: /Copied link/ })).toContainText('First');
    }).toPass();

    // Step 1: the domain, with its exact record, verified against the test DNS server.
    const domain = `${unique('globex')}.example.com`;
    await admin.getByLabel('Domain', { exact: true }).fill(domain);
    await admin.getByRole('button', { name: 'Add domain' }).click();
    const item = admin.getByRole('listitem', { name: domain });
    await expect(item.getByText(`_orgdesk-verification.${domain}`)).toBeVisible();
    await expect(item.getByRole('button', { name: `Remove ${domain}` })).toHaveCount(0);
    const recordValue = (await item.getByText(/^orgdesk-verification=/).textContent())!.trim();
    await item.getByRole('button', { name: `Verify now for ${domain}` }).click();
    await expect(item.getByText('No record found: the name doesn’t exist in DNS yet.').first()).toBeVisible();
    await publishTxt(`_orgdesk-verification.${domain}`, [recordValue]);
    await item.getByRole('button', { name: `Verify now for ${domain}` }).click();
    await expect(item.getByText('Verified', { exact: true })).toBeVisible();
    await expectAccessible(admin);

    await page.reload();
    await expect(page.getByRole('row', { name: /Copied link/ })).toContainText(`Domain verification: Domain verified (${domain})`);

    // Step 2: SSO, with the values to copy both ways, and a passed test sign-in.
    const ssoStep = admin.getByRole('region', { name: 'Step 2: Single sign-on' });
    await ssoStep.getByLabel('Name', { exact: true }).fill('Okta');
    await ssoStep.getByRole('button', { name: 'Create connection' }).click();
    await expect(admin.getByRole('heading', { level: 2, name: 'Okta' })).toBeVisible();
    await expect(admin.getByRole('button', { name: 'Copy the Single sign-on URL' })).toBeVisible();
    await expect(admin.getByRole('button', { name: /^Enable Okta/ })).toHaveCount(0);
    await expect(admin.getByRole('heading', { name: 'Delete this connection' })).toHaveCount(0);
    const importForm = admin.getByRole('form', { name: 'Import the identity provider’s metadata' });
    await importForm.getByLabel('Or paste the metadata XML').fill(idpMetadataXml(idp.entityId, idp.url));
    await importForm.getByRole('button', { name: 'Import metadata' }).click();
    await expect(admin.getByText(/^Imported /)).toBeVisible();
    const settings = admin.getByRole('form', { name: 'SAML settings' });
    await settings.getByLabel(domain).check();
    await settings.getByRole('button', { name: 'Save SAML settings' }).click();
    await expect(settings.getByText('SAML settings saved.')).toBeVisible();
    await expectAccessible(admin);

    idp.signIn = { nameId: `00u${unique('')}`, email: `tester@${domain}`, firstName: 'Tess', lastName: 'Ter', groups: [] };
    await admin.getByRole('link', { name: 'Test connection' }).click();
    await expect(admin.getByRole('heading', { name: 'Test sign-in succeeded' })).toBeVisible();
    await expect(admin).toHaveURL(/\/setup\/setup_[^?]+\?attempt=[0-9a-f-]+#sso$/);
    await expect(admin.getByRole('definition').filter({ hasText: `tester@${domain}` })).toBeVisible();
    await expect(admin.getByText(/^Last test, .*: succeeded/)).toBeVisible();
    await expectAccessible(admin);

    // Step 3: the directory, its token shown once, then the values for the identity provider.
    const directoryStep = admin.getByRole('region', { name: 'Step 3: Directory sync' });
    await directoryStep.getByLabel('Name', { exact: true }).fill('Okta provisioning');
    await directoryStep.getByRole('button', { name: 'Create directory' }).click();
    await expect(directoryStep.getByTestId('directory-token')).toHaveText(/^scim_/);
    await expectAccessible(admin);
    await directoryStep.getByRole('button', { name: /I’ve stored the token/ }).click();
    await expect(directoryStep.getByRole('button', { name: 'Copy the SCIM base URL' })).toBeVisible();
    await expect(directoryStep.getByText(/^Waiting for the first request/)).toBeVisible();
    await expect(directoryStep.getByTestId('directory-token')).toHaveCount(0);

    await page.reload();
    const watched = page.getByRole('row', { name: /Copied link/ });
    await expect(watched).toContainText('Directory sync: Directory created (Okta provisioning)');
    await expect(watched).toContainText('Single sign-on: Test sign-in passed (Okta)');
    await expect(watched).toContainText(`Domain verification: Domain verified (${domain})`);

    // The audit log names the link as the actor.
    await openSection(page, 'Activity');
    await expect(page.getByRole('row', { name: /Test sign-in passed through a setup link/ }).first()).toContainText('Setup link');
    await expect(page.getByRole('row', { name: /Domain verified/ }).first()).toContainText('Setup link');

    // Revoked: the page says so at once, and nothing more can be done through it.
    await openSection(page, 'Setup links');
    await page
      .getByRole('row', { name: /Copied link/ })
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
    await expect(page.getByRole('row', { name: /Copied link/ })).toContainText('Revoked');
    await admin.reload();
    await expect(admin.getByRole('heading', { name: 'This setup link was revoked' })).toBeVisible();
    await expectAccessible(admin);
  } finally {
    await context.close();
    await idp.close();
  }
});
