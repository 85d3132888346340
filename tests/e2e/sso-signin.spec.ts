import { idpMetadataXml } from '../support/saml-idp';
import { startTestIdp } from '../support/saml-idp-server';
import { expect, test } from './support/fixtures';
import {
  addVerifiedDomain,
  bringIn,
  createOrganization,
  expectAccessible,
  linkIn,
  openSection,
  unique,
  waitForMail,
} from './support/helpers';

test('test a SAML connection to success, break the audience and read the explained failure, sign a new person in by email routing, then require SSO with a break-glass owner', async ({
  page,
  browser,
}) => {
  const idp = await startTestIdp(`http://www.okta.com/${unique('exk')}`);
  try {
    const name = `Vandelay ${unique('')}`;
    await createOrganization(page, name);
    const domain = `${unique('vandelay')}.example.com`;
    await addVerifiedDomain(page, domain);

    await openSection(page, 'SSO');
    await page.getByLabel('Name', { exact: true }).fill('Okta');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Okta' })).toBeVisible();
    await expect(page.getByText('Not tested yet.')).toBeVisible();
    const importForm = page.getByRole('form', { name: 'Import the identity provider’s metadata' });
    await importForm.getByLabel('Or paste the metadata XML').fill(idpMetadataXml(idp.entityId, idp.url));
    await importForm.getByRole('button', { name: 'Import metadata' }).click();
    await expect(page.getByText(/^Imported /)).toBeVisible();
    const settings = page.getByRole('form', { name: 'SAML settings' });
    await settings.getByLabel(domain).check();
    await settings.getByRole('button', { name: 'Save SAML settings' }).click();
    await expect(settings.getByText('SAML settings saved.')).toBeVisible();

    // Group → role: engineering maps to Admin; Owner would need an explicit allowance.
    await openSection(page, 'SSO');
    const mapping = page.getByRole('form', { name: 'Map a group to a role' });
    await mapping.getByLabel('Group', { exact: true }).fill('engineering');
    await mapping.getByLabel('Role', { exact: true }).selectOption({ label: 'Owner' });
    await mapping.getByRole('button', { name: 'Add mapping' }).click();
    await expect(mapping.getByText(/A mapping grants Owner only when you allow it explicitly/)).toBeVisible();
    await mapping.getByLabel('Role', { exact: true }).selectOption({ label: 'Admin' });
    await mapping.getByRole('button', { name: 'Add mapping' }).click();
    await expect(page.getByRole('list', { name: 'Group mappings' })).toContainText('engineering → Admin');
    await page.getByRole('link', { name: 'Okta', exact: true }).click();

    // Test connection: a real sign-in at the identity provider, in a new tab, with no session.
    idp.signIn = { nameId: `00u${unique('')}`, email: `tester@${domain}`, firstName: 'Tess', lastName: 'Ter', groups: ['engineering'] };
    const [result] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: /Test connection/ }).click()]);
    await expect(result.getByRole('heading', { name: 'Test sign-in succeeded' })).toBeVisible();
    const outcome = result.getByRole('region', { name: 'Test sign-in succeeded' });
    await expect(outcome.getByRole('definition').filter({ hasText: `tester@${domain}` })).toBeVisible();
    await expect(outcome.getByRole('definition').filter({ hasText: 'Tess Ter' })).toBeVisible();
    await expect(outcome.getByRole('table', { name: 'Attributes received' }).getByRole('row', { name: /groups/ })).toContainText(
      'engineering',
    );
    await expect(result.getByText(/^SHA-256 [0-9A-F:]+$/)).toBeVisible();
    await expect(result.getByText(/s (ahead of|behind) Orgdesk/)).toBeVisible();
    await expect(result.getByText('Admin (from the mapping of the group engineering)')).toBeVisible();
    await expectAccessible(result);
    // The request asked for no particular authentication context (Entra refuses one it can't meet).
    expect(idp.requests.at(-1)).not.toContain('RequestedAuthnContext');
    await result.close();

    // Break the audience at the identity provider: the failure says what was expected and how to fix it.
    idp.overrides = { audience: 'https://wrong.example/audience' };
    const [broken] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: /Test connection/ }).click()]);
    await expect(broken.getByRole('heading', { name: 'Test sign-in failed: Audience' })).toBeVisible();
    const expectedAudience = (await page
      .getByText(/\/api\/sso\/saml\/[0-9a-f-]+$/)
      .first()
      .textContent())!.trim();
    await expect(broken.getByText(`Audience was https://wrong.example/audience, expected ${expectedAudience}.`)).toBeVisible();
    await expect(broken.getByText(`Set the Audience URI (SP Entity ID) in Okta to ${expectedAudience}.`)).toBeVisible();
    await expectAccessible(broken);
    await broken.close();
    idp.overrides = {};

    await page.reload();
    await expect(page.getByText(/Last test, .*: failed at Audience/)).toBeVisible();
    const log = page.getByRole('table', { name: 'Sign-in attempts' });
    await expect(log.getByRole('row')).toHaveCount(3);
    await expect(log).toContainText('Failed: Audience');
    await expect(log).toContainText('Success');
    await page.getByRole('button', { name: 'Enable Okta' }).click();
    await expect(page.getByRole('button', { name: 'Disable Okta' })).toBeVisible();

    // A new person at the domain signs in from /account/login: routed to the identity provider by their domain.
    const person = `newcomer.${unique('')}@${domain}`;
    idp.signIn = { nameId: `00u${unique('')}`, email: person, firstName: 'New', lastName: 'Comer', groups: ['engineering'] };
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const member = await context.newPage();
    await member.goto('/account/login');
    await member.getByLabel('Email address').fill(person);
    await member.getByRole('button', { name: 'Continue' }).click();
    await expect(member.getByRole('heading', { name: 'Your organizations', exact: true })).toBeVisible();
    // The engineering group maps to Admin.
    await expect(member.getByRole('row', { name: new RegExp(name) })).toContainText('Admin');
    await expectAccessible(member);

    await context.close();

    await openSection(page, 'Members');
    const row = page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(person) });
    await expect(row).toContainText('SSO');
    await expect(row).toContainText('Admin');

    // Require SSO, with a break-glass owner.
    const boss = `boss.${unique('')}@${domain}`;
    await openSection(page, 'Invitations');
    await bringIn(page, browser, boss, 'Owner');
    await openSection(page, 'SSO');
    const requirement = page.getByRole('form', { name: 'Require SSO' });
    await requirement.getByLabel(/Require single sign-on/).check();
    await requirement.getByRole('button', { name: 'Save' }).click();
    await expect(requirement.getByText(/Choose at least one break-glass owner/)).toBeVisible();
    await requirement.getByLabel(boss).check();
    await requirement.getByRole('button', { name: 'Save' }).click();
    await expect(requirement.getByText('Saved.')).toBeVisible();
    await expectAccessible(page);

    // Its only connection can't be turned off now: that would lock everyone out.
    await page.getByRole('link', { name: 'Okta', exact: true }).click();
    await page.getByRole('button', { name: 'Disable Okta' }).click();
    await expect(page.getByText(/This organization requires SSO, and this is its only enabled connection/)).toBeVisible();

    // An email link is refused to everyone at the domain but the break-glass owner.
    const refused = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const someone = await refused.newPage();
    await someone.goto('/account/login');
    await someone.getByLabel('Email address').fill(person);
    await someone.getByLabel(/Email me a link even if/).check();
    await someone.getByRole('button', { name: 'Continue' }).click();
    await expect(someone.getByText(/Your organization requires single sign-on for this address/)).toBeVisible();
    await expect(someone.getByLabel('Email address')).toHaveValue(person);
    await refused.close();

    const glass = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const owner = await glass.newPage();
    const since = Date.now();
    await owner.goto('/account/login');
    await owner.getByLabel('Email address').fill(boss);
    await owner.getByLabel(/Email me a link even if/).check();
    await owner.getByRole('button', { name: 'Continue' }).click();
    await expect(owner.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await owner.goto(linkIn((await waitForMail(boss, since)).html, '/login/verify'));
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await expect(owner.getByRole('heading', { name: 'Your organizations', exact: true })).toBeVisible();
    await glass.close();

    // The Overview shows the break-glass use.
    await openSection(page, 'Overview');
    await expect(
      page.getByText(new RegExp(`${boss.replace(/\./g, '\\.')} signed in with an email link on .*, bypassing required SSO`)),
    ).toBeVisible();
  } finally {
    await idp.close();
  }
});
