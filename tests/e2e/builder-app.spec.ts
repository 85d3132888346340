import { startBuilderApp } from './support/builder-app';
import { expect, test } from './support/fixtures';
import { bringIn, createOrganization, expectAccessible, linkIn, openSection, unique, waitForMail } from './support/helpers';

test('the builder’s app: register it, a member signs in through Orgdesk, the app reads the organization, calls the API, and hears the organization become Active', async ({
  page,
  browser,
  baseURL,
}) => {
  const app = await startBuilderApp(baseURL!, Number(process.env.E2E_HOOK_PORT));
  try {
    // An organization with a member: one of the customer's end users.
    const name = `Connected ${unique('')}`;
    const orgPath = await createOrganization(page, name);
    const slug = orgPath.split('/').at(-1)!;
    await openSection(page, 'Invitations');
    const person = `${unique('member')}@connected.example`;
    await bringIn(page, browser, person, 'Member');

    // Register the application: a bad address first, then the real one.
    await page.goto('/organizations');
    await page.getByRole('link', { name: 'Applications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Applications' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Name', { exact: true }).fill('Builder’s app');
    await page.getByLabel('Redirect URIs', { exact: true }).fill('http://app.example.com/callback');
    await page.getByRole('button', { name: 'Register application' }).click();
    await expect(page.getByText(/must start with https:\/\//)).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Builder’s app');
    await page.getByLabel('Redirect URIs', { exact: true }).fill(app.redirectUri);
    await page.getByLabel('Post-logout redirect URIs (optional)').fill(`${app.origin}/bye`);
    await page.getByRole('button', { name: 'Register application' }).click();
    const clientSecret = (await page.getByTestId('client-secret').textContent())!.trim();
    const clientId = (await page.getByTestId('client-id').textContent())!.trim();
    expect(clientSecret).toMatch(/^ods_/);
    expect(clientId).toMatch(/^oda_/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Open the application' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Builder’s app' })).toBeVisible();
    await expect(page.getByText(`${baseURL}/oidc/.well-known/openid-configuration`)).toBeVisible();
    await expectAccessible(page);

    // An API key and a webhook endpoint for the same app.
    await page.getByRole('link', { name: 'API keys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill('Builder’s app');
    await page.getByLabel(/^members\.read/).check();
    await page.getByLabel(/^activity\.report/).check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const apiKey = (await page.getByTestId('api-key').textContent())!.trim();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await page.getByLabel('Address').fill(app.webhookUrl);
    await page.getByLabel(/^organization\.state_changed/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const webhookSecret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    await app.configure({ clientId, clientSecret, apiKey, webhookSecret });

    // The person signs in to the app: Orgdesk's sign-in page, an email link, back to choose the organization.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const member = await context.newPage();
    await member.goto(`${app.origin}/login`);
    await expect(member.getByRole('heading', { name: 'Sign in to Builder’s app' })).toBeVisible();
    await expectAccessible(member);
    const since = Date.now();
    await member.getByLabel('Email address').fill(person);
    await member.getByRole('button', { name: 'Continue' }).click();
    await expect(member.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await member.goto(linkIn((await waitForMail(person, since)).html, '/login/verify'));
    await member.getByRole('button', { name: 'Sign in' }).click();
    await expect(member.getByRole('heading', { name: 'Continue to Builder’s app' })).toBeVisible();
    await expectAccessible(member);
    // Only the person's own organizations are accepted, and only from this site.
    const continueUrl = `${new URL(member.url()).pathname}/continue`;
    const foreign = await member.request.post(continueUrl, {
      form: { membershipId: '00000000-0000-4000-8000-000000000000' },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(303);
    expect(foreign.headers().location).toContain('?error=choice');
    expect((await member.request.post(continueUrl, { form: { cancel: '1' }, maxRedirects: 0 })).status()).toBe(403);
    await member.getByRole('button', { name: new RegExp(name) }).click();
    await expect(member.getByRole('heading', { name: 'Welcome to the builder’s app' })).toBeVisible();
    await expect(member.getByText(`Signed in as ${person} in ${name} (member).`)).toBeVisible();

    // The app read the organization and permissions from the ID token, and the API agrees.
    const signedIn = app.signIns.at(-1)!;
    expect(signedIn.claims).toMatchObject({ email: person, org_slug: slug, org_name: name, role: 'member' });
    expect(Array.isArray(signedIn.claims.permissions)).toBe(true);
    expect(signedIn.apiPermissions.role).toBe('member');
    expect([...signedIn.apiPermissions.permissions].sort()).toEqual([...(signedIn.claims.permissions as string[])].sort());
    expect(signedIn.activityStatus).toBe(201);

    // The sign-in made the organization Active, and the app heard it, signed.
    const becameActive = () =>
      app.events.some((event) => {
        const organization = event.data.organization as { slug?: string; state?: string } | null;
        return event.type === 'organization.state_changed' && organization?.slug === slug && organization.state === 'active';
      });
    await expect.poll(becameActive, { timeout: 30_000 }).toBe(true);
    expect(app.rejectedWebhooks).toEqual([]);
    await page.goto(orgPath);
    await expect(page.getByText('Active', { exact: true }).first()).toBeVisible();
    await page.goto('/applications');
    await expect(page.getByRole('row', { name: /Builder’s app/ })).not.toContainText('Never');

    // Signing out goes through Orgdesk's end-session page and back to the app.
    await member.getByRole('link', { name: 'Sign out' }).click();
    await expect(member.getByRole('heading', { name: 'Sign out?' })).toBeVisible();
    await expectAccessible(member);
    await member.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(member.getByRole('heading', { name: 'Signed out of the builder’s app' })).toBeVisible();
    // Out of Orgdesk too: signing in again asks who they are instead of continuing as them.
    await member.goto(`${app.origin}/login`);
    await expect(member.getByRole('heading', { name: 'Sign in to Builder’s app' })).toBeVisible();
    await expect(member.getByLabel('Email address')).toBeVisible();
    await context.close();
  } finally {
    await app.close();
  }
});
