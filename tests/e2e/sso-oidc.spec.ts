import { startTestOp } from '../support/oidc-op';
import { expect, test } from './support/fixtures';
import { addVerifiedDomain, createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('configure an OpenID Connect connection: discovery shown, Test connection to success, a tampered token explained, then a person signs in', async ({
  page,
  browser,
}) => {
  const op = await startTestOp({ port: Number(process.env.E2E_OIDC_PORT) });
  try {
    await createOrganization(page, `Soylent ${unique('')}`);
    const domain = `${unique('soylent')}.example.com`;
    await addVerifiedDomain(page, domain);
    await openSection(page, 'SSO');
    await page.getByLabel('Name', { exact: true }).fill('Corporate OIDC');
    await page.getByLabel('Identity provider').selectOption('generic_oidc');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Corporate OIDC' })).toBeVisible();
    await expect(page.getByText('Not read yet: save the issuer below')).toBeVisible();

    const form = page.getByRole('form', { name: 'OpenID Connect settings' });
    await form.getByLabel('Issuer').fill(op.issuer);
    await form.getByLabel('Client ID').fill(op.clientId);
    await form.getByLabel('Client secret').fill(op.clientSecret);
    await form.getByLabel(domain).check();
    await form.getByRole('button', { name: 'Save OpenID Connect settings' }).click();
    await expect(form.getByText(`OpenID Connect settings saved. Discovery read from ${op.issuer}.`)).toBeVisible();
    const discovery = page.getByRole('region', { name: 'Discovery' });
    await expect(discovery).toContainText(`${op.issuer}/token`);
    await expect(discovery).toContainText(`${op.issuer}/jwks`);
    await expectAccessible(page);

    op.person = { sub: 'op-tester', email: `tester@${domain}`, given_name: 'Tess', family_name: 'Ter', groups: ['ops'] };
    const [result] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: /Test connection/ }).click()]);
    const outcome = result.getByRole('region', { name: 'Test sign-in succeeded' });
    await expect(outcome).toBeVisible();
    await expect(outcome.getByRole('definition').filter({ hasText: `tester@${domain}` })).toBeVisible();
    await expect(outcome.getByRole('table', { name: 'Attributes received' }).getByRole('row', { name: /groups/ })).toContainText('ops');
    expect(op.authorizations.at(-1)?.get('code_challenge_method')).toBe('S256');
    await expectAccessible(result);
    await result.close();

    op.tamper = { idToken: { aud: 'another-client' } };
    const [broken] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: /Test connection/ }).click()]);
    await expect(broken.getByRole('heading', { name: 'Test sign-in failed: ID token audience' })).toBeVisible();
    await expect(broken.getByText(`Copy ${'Another OpenID Connect provider'}’s client ID into this connection again.`)).toBeVisible();
    await broken.close();
    op.tamper = {};

    await page.reload();
    await page.getByRole('button', { name: 'Enable Corporate OIDC' }).click();
    await expect(page.getByRole('button', { name: 'Disable Corporate OIDC' })).toBeVisible();

    const person = `newcomer.${unique('')}@${domain}`;
    op.person = { sub: `op-${unique('')}`, email: person };
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const member = await context.newPage();
    await member.goto('/account/login');
    await member.getByLabel('Email address').fill(person);
    await member.getByRole('button', { name: 'Continue' }).click();
    await expect(member).toHaveURL(/\/account$/);
    await expect(member.getByRole('heading', { name: 'Your organizations', exact: true })).toBeVisible();
    await expect(member.getByRole('row', { name: /Soylent/ })).toContainText('Member');
    // The address typed is passed on as the provider's login hint.
    expect(op.authorizations.some((parameters) => parameters.get('login_hint') === person)).toBe(true);
    await context.close();
  } finally {
    await op.close();
  }
});
