import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, linkIn, openSection, unique, waitForMail } from './support/helpers';

/** A browser with nobody signed in. */
async function stranger(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

/** No form on the page posts anything: server actions render as POST forms; search and filters are GETs. */
async function expectNoMutationControls(page: Page) {
  await expect(page.locator('main form[method="post" i]')).toHaveCount(0);
  await expect(
    page.locator('main').getByRole('button', { name: /Suspend|Remove|Delete|Revoke|Resend|Invite|Create|Send|Change role|Verify|Add/ }),
  ).toHaveCount(0);
}

test('an owner invites a Viewer to the console; the Viewer signs in, sees no mutation controls, and a forged action is refused and audited', async ({
  page,
  browser,
}) => {
  const tag = unique('t');
  const orgName = `Team ${tag}`;
  const orgPath = await createOrganization(page, orgName);

  // The Team page: the owner from ADMIN_EMAILS, and the invitation form.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const users = page.getByRole('table', { name: 'Console users' });
  await expect(users.getByRole('row', { name: /builder@e2e\.test/ })).toContainText('ADMIN_EMAILS');
  await expectAccessible(page);

  // Bad input: a clear error beside the field, what was typed kept, nothing sent.
  const invite = page.getByRole('region', { name: 'Invite someone to the console' });
  await invite.getByLabel('Email address').fill('not-an-address');
  await invite.getByRole('button', { name: 'Send console invitation' }).click();
  await expect(invite.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expect(invite.getByLabel('Email address')).toHaveValue('not-an-address');
  await invite.getByLabel('Email address').fill('builder@e2e.test');
  await invite.getByRole('button', { name: 'Send console invitation' }).click();
  await expect(invite.getByText('builder@e2e.test is a console owner through ADMIN_EMAILS.')).toBeVisible();
  await expectAccessible(page);

  const viewerEmail = `${tag}@team.example`;
  const since = Date.now();
  await invite.getByLabel('Email address').fill(viewerEmail);
  await invite.getByLabel('Console role').selectOption({ label: 'Viewer' });
  await invite.getByRole('button', { name: 'Send console invitation' }).click();
  await expect(page.getByRole('table', { name: 'Console invitations' }).getByRole('row', { name: new RegExp(viewerEmail) })).toContainText(
    'Viewer',
  );

  // The invitee accepts, then signs in with their own email link.
  const viewer = await stranger(browser);
  const mail = await waitForMail(viewerEmail, since);
  expect(mail.subject).toContain('Orgdesk console');
  await viewer.page.goto(linkIn(mail.html, '/console-invite/'));
  await expect(viewer.page.getByRole('heading', { name: 'Join the Orgdesk console' })).toBeVisible();
  await expect(viewer.page.getByText('Reads everything and changes nothing.')).toBeVisible();
  await expectAccessible(viewer.page);
  await viewer.page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(viewer.page.getByText('Invitation accepted: you’re a console Viewer.')).toBeVisible();
  await expect(viewer.page.getByLabel('Email address')).toHaveValue(viewerEmail);
  await expectAccessible(viewer.page);
  const signInSince = Date.now();
  await viewer.page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await viewer.page.goto(linkIn((await waitForMail(viewerEmail, signInSince)).html, '/login/verify'));
  await viewer.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewer.page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  await expect(viewer.page.getByRole('banner')).toContainText('(Viewer)');

  // Everything reads; nothing offers a change.
  await expect(viewer.page.getByRole('link', { name: 'Create Organization' })).toHaveCount(0);
  await expectNoMutationControls(viewer.page);
  await viewer.page.goto(orgPath);
  await expect(viewer.page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
  await expectNoMutationControls(viewer.page);
  for (const section of ['Members', 'Invitations', 'Domains', 'Roles & groups', 'Settings']) {
    await openSection(viewer.page, section);
    await expectNoMutationControls(viewer.page);
  }
  await expect(viewer.page.getByText('Your console role can view this but not change it.')).toBeVisible();
  await expectAccessible(viewer.page);
  for (const path of ['/roles', '/roles/admin', '/team', '/jobs', '/audit']) {
    await viewer.page.goto(path);
    await expect(viewer.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoMutationControls(viewer.page);
  }
  await expectAccessible(viewer.page);

  // The owner's rename, captured on its way out and never sent...
  await page.goto(`${orgPath}/settings`);
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route(`**${orgPath}/settings`, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await page.getByLabel('Organization name', { exact: true }).fill(`Forged ${tag}`);
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => captured).not.toBeNull();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // ...is replayed with the Viewer's session: refused.
  const { cookie: _ownerCookie, ...headers } = captured!.headers;
  const forged = await viewer.page.request.fetch(captured!.url, { method: 'POST', headers, data: captured!.body });
  expect(await forged.text()).toContain('forbidden');
  await page.goto(`${orgPath}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
  await expect(page.getByLabel('Organization name', { exact: true })).toHaveValue(orgName);
  // The refusal is in the audit log, with who tried.
  await page.goto(`${orgPath}/activity`);
  const refusal = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('row', { name: /Action refused/ });
  await expect(refusal).toContainText(viewerEmail);
  await expect(refusal).toContainText('permission: organizations.manage');

  // The owner raises the Viewer to Admin: it takes effect on the next request.
  await page.goto('/team');
  const row = page.getByRole('table', { name: 'Console users' }).getByRole('row', { name: new RegExp(viewerEmail) });
  await row.getByLabel(`Console role for ${viewerEmail}`).selectOption({ label: 'Admin' });
  await row.getByRole('button', { name: `Change role for ${viewerEmail}` }).click();
  await expect(page.getByText('Console role changed.')).toBeVisible();
  await viewer.page.goto('/organizations');
  await expect(viewer.page.getByRole('banner')).toContainText('(Admin)');
  await expect(viewer.page.getByRole('link', { name: 'Create Organization' })).toBeVisible();

  // Suspending ends their console session at once.
  await row.getByRole('button', { name: `Suspend ${viewerEmail}` }).click();
  await page
    .getByRole('dialog', { name: `Suspend ${viewerEmail}?` })
    .getByRole('button', { name: 'Suspend console user' })
    .click();
  await expect(row).toContainText('Suspended');
  await expectAccessible(page);
  await viewer.page.goto('/organizations');
  await expect(viewer.page).toHaveURL(/\/login/);
  await viewer.context.close();
});
