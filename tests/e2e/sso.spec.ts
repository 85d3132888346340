import { idpMetadataXml as idpMetadata, IDP_CERTIFICATE_PEM as PEM } from '../support/saml-idp';
import { expect, test } from './support/fixtures';
import { addVerifiedDomain, createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('configure a SAML connection from metadata and an OIDC connection, enable, and delete one', async ({ page, request }) => {
  const name = `Initech ${unique('')}`;
  await createOrganization(page, name);
  const domain = `${unique('initech')}.example.com`;
  await addVerifiedDomain(page, domain);

  await openSection(page, 'SSO');
  await expect(page.getByRole('heading', { name: 'No SSO connections yet' })).toBeVisible();
  await expectAccessible(page);

  // A connection needs a name.
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByText('Name the connection, like “Okta (employees)”.')).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Okta (employees)');
  await page.getByLabel('Identity provider').selectOption('okta');
  await page.getByLabel('SAML 2.0').check();
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Okta (employees)' })).toBeVisible();
  await expect(page.getByText('Disabled', { exact: true })).toBeVisible();

  // What Okta needs, named as Okta names it, and the SP metadata file.
  const steps = page.getByRole('region', { name: 'Set it up in Okta' });
  await expect(steps.getByRole('button', { name: 'Copy the Single sign-on URL' })).toBeVisible();
  const acsUrl = (await steps.getByText(/\/api\/sso\/saml\/[0-9a-f-]+\/acs$/).textContent())!.trim();
  const connectionId = acsUrl.split('/').at(-2)!;
  const metadata = await request.get(`/api/sso/saml/${connectionId}/metadata`);
  expect(metadata.status()).toBe(200);
  expect(await metadata.text()).toContain(`Location="${acsUrl}"`);
  await expectAccessible(page);

  // Enabling an unfinished connection says what is missing.
  await page.getByRole('button', { name: 'Enable Okta (employees)' }).click();
  await expect(
    page.getByText(/^Finish the setup first: add the identity provider’s entity ID and SSO URL, a signing certificate/),
  ).toBeVisible();

  // Metadata: a service provider's file is refused in plain words; the identity provider's is read.
  const importForm = page.getByRole('form', { name: 'Import the identity provider’s metadata' });
  await importForm.getByLabel('Or paste the metadata XML').fill(await metadata.text());
  await importForm.getByRole('button', { name: 'Import metadata' }).click();
  await expect(importForm.getByText(/That is a service provider’s metadata/)).toBeVisible();
  const entityId = `http://www.okta.com/${unique('exk')}`;
  await importForm.getByLabel('Or paste the metadata XML').fill(idpMetadata(entityId, 'https://initech.okta.example/app/sso/saml'));
  await importForm.getByRole('button', { name: 'Import metadata' }).click();
  await expect(page.getByText(`Imported ${entityId} with 1 signing certificate.`)).toBeVisible();

  const settings = page.getByRole('form', { name: 'SAML settings' });
  await expect(settings.getByLabel(/entity ID\)$/)).toHaveValue(entityId);
  await expect(settings.getByLabel(/\(SSO URL\)$/)).toHaveValue('https://initech.okta.example/app/sso/saml');
  await expect(page.getByRole('region', { name: /Trusted signing certificates \(1 of 3\)/ })).toContainText('SHA-256');

  // Bad input: a private key where the certificate goes, and an out-of-range skew; nothing is saved, typed values stay.
  const certificate = settings.getByLabel(/\(signing certificate\)$/);
  await certificate.fill('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----');
  await settings.getByLabel('Clock skew tolerated, in seconds').fill('900');
  await settings.getByLabel(domain).check();
  await settings.getByRole('button', { name: 'Save SAML settings' }).click();
  await expect(settings.getByText('Use at most 600 seconds (10 minutes).')).toBeVisible();
  await settings.getByLabel('Clock skew tolerated, in seconds').fill('120');
  await settings.getByRole('button', { name: 'Save SAML settings' }).click();
  await expect(settings.getByText(/That is a private key/)).toBeVisible();
  await expect(settings.getByLabel(domain)).toBeChecked();
  await expect(settings.getByLabel('Clock skew tolerated, in seconds')).toHaveValue('120');

  await certificate.fill(PEM);
  await settings.getByLabel('Accept SHA-1 signatures', { exact: false }).check();
  await expect(settings.getByRole('note')).toContainText('SHA-1');
  await settings.getByLabel('Accept SHA-1 signatures', { exact: false }).uncheck();
  await settings.getByRole('button', { name: 'Save SAML settings' }).click();
  await expect(settings.getByText('SAML settings saved.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Enable Okta (employees)' }).click();
  await expect(page.getByRole('button', { name: 'Disable Okta (employees)' })).toBeVisible();
  await expect(page.getByText('Enabled', { exact: true })).toBeVisible();

  // An OIDC connection: the secret is write-only.
  await page.getByRole('link', { name: 'Single sign-on' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Contractors (OIDC)');
  await page.getByLabel('Identity provider').selectOption('generic_oidc');
  await expect(page.getByText('Another OpenID Connect provider connects with OpenID Connect.')).toBeVisible();
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Contractors (OIDC)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy the Redirect URI (callback URL)' })).toBeVisible();
  const oidc = page.getByRole('form', { name: 'OpenID Connect settings' });
  await oidc.getByLabel('Issuer').fill('https://login.microsoftonline.com/common/v2.0');
  await oidc.getByLabel('Client ID').fill('orgdesk-client');
  await oidc.getByRole('button', { name: 'Save OpenID Connect settings' }).click();
  await expect(oidc.getByText(/multi-tenant issuer/)).toBeVisible();
  await oidc.getByLabel('Issuer').fill('https://idp.contractors.example');
  await oidc.getByLabel('Client secret').fill('s3cret-value-never-shown');
  await oidc.getByLabel(domain).check();
  await oidc.getByRole('button', { name: 'Save OpenID Connect settings' }).click();
  await expect(oidc.getByText('OpenID Connect settings saved.')).toBeVisible();
  await page.reload();
  await expect(oidc.getByLabel('Client secret')).toHaveValue('');
  await expect(oidc.getByText(/A secret is stored, encrypted/)).toBeVisible();
  expect(await page.content()).not.toContain('s3cret-value-never-shown');
  await expectAccessible(page);

  // Deleting asks for the name; a wrong one changes nothing.
  await page.getByRole('button', { name: 'Delete connection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Contractors (OIDC)?' });
  await dialog.getByLabel('Name to confirm').fill('Contractors');
  await dialog.getByRole('button', { name: 'Delete connection' }).click();
  await expect(dialog.getByText('Type the connection’s name, Contractors (OIDC), to delete it.')).toBeVisible();
  await dialog.getByLabel('Name to confirm').fill('Contractors (OIDC)');
  await dialog.getByRole('button', { name: 'Delete connection' }).click();
  await expect(page.getByText('Deleted the connection Contractors (OIDC).')).toBeVisible();

  const list = page.getByRole('list', { name: 'SSO connections' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Okta (employees)');
  await expect(list).toContainText(domain);
  await expect(list.getByText('Enabled', { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: /^SSO/ })).toContainText('1');
  await expectAccessible(page);
});

test('a builder cannot open another organization’s connection through its own workspace', async ({ page }) => {
  await createOrganization(page, `Hooli ${unique('')}`);
  await openSection(page, 'SSO');
  await page.getByLabel('Name', { exact: true }).fill('Hooli SAML');
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Hooli SAML' })).toBeVisible();
  const connectionPath = new URL(page.url()).pathname.split('/sso/')[1]!;

  const other = await createOrganization(page, `Pied Piper ${unique('')}`);
  const response = await page.goto(`${other}/sso/${connectionPath}`);
  expect(response?.status()).toBe(404);
  expect((await page.request.get('/api/sso/saml/00000000-0000-4000-8000-000000000000/metadata')).status()).toBe(404);
});
