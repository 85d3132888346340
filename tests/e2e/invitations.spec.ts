import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, linkIn, openSection, unique, waitForMail } from './support/helpers';

/** Creates an organization and opens its Invitations section, where these journeys work. */
async function newOrganization(page: Page, name: string) {
  await createOrganization(page, name);
  await openSection(page, 'Invitations');
}

async function invite(page: Page, addresses: string, options: { role?: string } = {}) {
  await page.getByLabel('Email addresses').fill(addresses);
  if (options.role) await page.getByLabel('Role', { exact: true }).selectOption({ label: options.role });
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByRole('heading', { name: 'Review before sending' })).toBeVisible();
}

async function inviteAndReadLink(page: Page, to: string, role?: string) {
  const since = Date.now();
  await invite(page, to, { role });
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${to}.`)).toBeVisible();
  const mail = await waitForMail(to, since);
  return { mail, link: linkIn(mail.html, '/invite/') };
}

async function visitor(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

test('invite, read the real email, accept, and the organization becomes Ready for first end users', async ({ page, browser }) => {
  const name = `Initech ${unique('')}`;
  await newOrganization(page, name);
  const orgUrl = page.url().replace(/\/invitations.*$/, '');
  const to = `${unique('peter')}@initech.example`;

  const { mail, link } = await inviteAndReadLink(page, to, 'Owner');
  expect(mail.subject).toBe(`You're invited to join ${name}`);
  expect(mail.text).toContain(link);
  await openSection(page, 'Overview');
  await expect(page.getByRole('region', { name: 'State' }).getByText('Pending', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Invitations/ })).toContainText('1 pending');
  await openSection(page, 'Invitations');
  const row = page.getByRole('table', { name: 'Invitations' }).getByRole('row', { name: new RegExp(to) });
  await expect(row).toContainText('Pending');
  await expect(row).toContainText('expires in 7 days');
  await expect(row).toContainText('Sent 1 time');
  await expectAccessible(page);

  const member = await visitor(browser);
  const response = await member.page.goto(link);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(member.page.getByRole('heading', { name: `Join ${name}` })).toBeVisible();
  const details = member.page.getByRole('definition');
  await expect(details.filter({ hasText: to })).toBeVisible();
  await expect(details.filter({ hasText: 'Owner' })).toBeVisible();
  await expect(details.filter({ hasText: 'builder@e2e.test' })).toBeVisible();
  await expectAccessible(member.page);
  await member.page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(member.page).toHaveURL(/\/account\?joined=/);
  await expect(member.page.getByText(`Welcome! You joined ${name}.`)).toBeVisible();
  await expect(member.page.getByRole('row', { name: new RegExp(name) })).toContainText('Owner');
  await expectAccessible(member.page);

  // The link is single-use, and a member session opens no console page.
  await member.page.goto(link);
  await expect(member.page.getByText('This invitation has already been accepted.')).toBeVisible();
  await member.page.goto('/organizations');
  await expect(member.page).toHaveURL(/\/login/);

  // A returning member signs in at /account/login with an email link.
  await member.page.goto('/account');
  await member.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(member.page).toHaveURL(/\/account\/login/);
  await expectAccessible(member.page);
  const since = Date.now();
  await member.page.getByLabel('Email address').fill(to);
  await member.page.getByRole('button', { name: 'Continue' }).click();
  await expect(member.page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await member.page.goto(linkIn((await waitForMail(to, since)).html, '/login/verify'));
  await member.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(member.page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await expect(member.page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await member.context.close();

  await page.goto(orgUrl);
  await expect(page.getByRole('region', { name: 'State' }).getByText('Ready for first end users', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await openSection(page, 'Invitations');
  await expect(page.getByRole('table', { name: 'Invitations' }).getByRole('row', { name: new RegExp(to) })).toContainText(`Accepted`);
  await expect(page.getByRole('table', { name: 'Invitations' }).getByRole('row', { name: new RegExp(to) })).toContainText(`by ${to}`);
  await openSection(page, 'Members');
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(to) })).toContainText('Owner');
  await expectAccessible(page);
});

test('the review step marks invalid addresses and warnings, and sends only what is ready', async ({ page }) => {
  await newOrganization(page, `Review ${unique('')}`);
  const ok = `${unique('ok')}@corp.example`;
  await invite(page, `${ok}\n"a@evil.com x"@corp.com\nuser@corp.com(x)evil.com\nboss＠corp.example\n${ok}\nfriend@gmail.com`);
  const review = page.getByRole('table', { name: 'Addresses to invite' });
  await expect(review.getByRole('row', { name: /evil\.com x/ })).toContainText('Invalid');
  await expect(review.getByRole('row', { name: /\(x\)evil/ })).toContainText('Addresses with comments in parentheses aren’t accepted.');
  await expect(review.getByRole('row', { name: /boss/ })).toContainText('Use a plain @ sign, not a full-width one.');
  await expect(review.getByRole('row', { name: new RegExp(ok) }).nth(1)).toContainText('Duplicate in this list');
  await expect(review.getByRole('row', { name: /friend@gmail\.com/ })).toContainText('Warning: A consumer mail domain');
  await expect(review.getByRole('row', { name: /friend@gmail\.com/ })).toContainText('Ready, with a warning');
  await expect(page.getByText('1 ready, 1 with warnings')).toBeVisible();
  await expect(page.getByText('They’ll be invited as Member, and each link expires after 7 days.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${ok}.`)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(ok) })).toBeVisible();
  await expect(page.getByRole('row', { name: /friend@gmail\.com/ })).toHaveCount(0);
  // What was typed stays when a field is wrong.
  await page.getByLabel('Email addresses').fill('someone@corp.example');
  await page.getByLabel('Expires after (days)').fill('45');
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByText('Choose 1 to 30 days.')).toBeVisible();
  await expect(page.getByLabel('Email addresses')).toHaveValue('someone@corp.example');
});

test('resend kills the old link; revoke kills the link', async ({ page, browser }) => {
  await newOrganization(page, `Links ${unique('')}`);
  const to = `${unique('resend')}@corp.example`;
  const first = await inviteAndReadLink(page, to);
  await page.reload();
  const since = Date.now();
  await page.getByRole('button', { name: `Resend invitation to ${to}` }).click();
  await expect(page.getByText('Resent with a new link; the old link no longer works.')).toBeVisible();
  const second = linkIn((await waitForMail(to, since)).html, '/invite/');
  expect(second).not.toBe(first.link);

  const member = await visitor(browser);
  await member.page.goto(first.link);
  await expect(member.page.getByRole('heading', { name: 'This link was replaced' })).toBeVisible();
  await expectAccessible(member.page);
  await member.page.goto(second);
  await expect(member.page.getByRole('button', { name: 'Accept invitation' })).toBeVisible();

  await page.reload();
  await page.getByRole('button', { name: `Revoke invitation to ${to}` }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke the invitation to ${to}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByRole('row', { name: new RegExp(to) })).toContainText('Revoked');

  await member.page.reload();
  await expect(member.page.getByText('This invitation was revoked. Ask the person who invited you for a new invitation.')).toBeVisible();
  await expect(member.page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
  await member.context.close();
});

test('a test invitation reaches the builder, marked as a test, and can’t be accepted', async ({ page }) => {
  const name = `Pilot ${unique('')}`;
  await newOrganization(page, name);
  const since = Date.now();
  await page.getByRole('button', { name: 'Send a test invitation to me' }).click();
  await expect(page.getByText('Test invitation queued for builder@e2e.test.')).toBeVisible();
  const mail = await waitForMail('builder@e2e.test', since);
  expect(mail.subject).toBe(`[Test] You're invited to join ${name}`);
  await page.goto(linkIn(mail.html, '/invite/'));
  await expect(page.getByRole('heading', { name: 'Test invitation' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
});

test('signed in as someone else, acceptance is refused and names both addresses', async ({ page }) => {
  await newOrganization(page, `Wrong ${unique('')}`);
  const to = `${unique('invitee')}@corp.example`;
  const { link } = await inviteAndReadLink(page, to);
  await page.goto(link);
  await expect(page.getByRole('alert').filter({ hasText: 'signed in as' })).toContainText(
    `You’re signed in as builder@e2e.test, but this invitation is for ${to}.`,
  );
  await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Sign out and continue as ${to}` })).toBeVisible();
  await expectAccessible(page);
});

test('“Sign out and continue” ends the other session and returns to the invitation, ready to accept', async ({ page, browser }) => {
  await newOrganization(page, `Switch ${unique('')}`);
  const to = `${unique('invitee')}@corp.example`;
  const { link } = await inviteAndReadLink(page, to);
  // Someone else is signed in, in this browser, as a member.
  const other = `${unique('other')}@corp.example`;
  const member = await visitor(browser);
  const since = Date.now();
  await member.page.goto('/account/login');
  await member.page.getByLabel('Email address').fill(other);
  await member.page.getByRole('button', { name: 'Continue' }).click();
  await member.page.goto(linkIn((await waitForMail(other, since)).html, '/login/verify'));
  await member.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(member.page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();

  await member.page.goto(link);
  await member.page.getByRole('button', { name: `Sign out and continue as ${to}` }).click();
  await expect(member.page).toHaveURL(/\/invite\//);
  await member.page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(member.page).toHaveURL(/\/account\?joined=/);
  await expect(member.page.getByText('Welcome!')).toContainText('You joined');
  await member.context.close();
});

test('the email preview is one click from the invite form, with the organization’s data', async ({ page }) => {
  const name = `Preview ${unique('')}`;
  await newOrganization(page, name);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Admin' });
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Preview the email' }).click()]);
  await expect(preview.getByText(`You're invited to join ${name}`)).toBeVisible();
  // The visible paragraph (the inbox preview line says it too, hidden).
  await expect(preview.locator('p', { hasText: 'as Admin' })).toBeVisible();
});

test('a long invitation list pages through its invitations, finds one by address, and filters start again at page one', async ({
  page,
}) => {
  await newOrganization(page, `Paged ${unique('')}`);
  const tag = unique('bulk');
  const addresses = Array.from({ length: 53 }, (_, i) => `${tag}-${String(i).padStart(2, '0')}@paged.example`);
  await invite(page, addresses.join('\n'));
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText('53 invitations queued.', { exact: false })).toBeVisible();

  const list = page.getByRole('table', { name: 'Invitations' });
  const pages = page.getByRole('navigation', { name: 'Invitations pages' });
  await expect(pages.getByText('Invitations 1–50 of 53')).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(51);
  await pages.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/invitationsPage=2/);
  await expect(pages.getByText('Invitations 51–53 of 53')).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(4);
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Filter invitations by status' }).getByRole('link', { name: 'Pending' }).click();
  await expect(page).toHaveURL(/invitations=pending/);
  await expect(page).not.toHaveURL(/invitationsPage/);
  await expect(pages.getByText('Invitations 1–50 of 53')).toBeVisible();
  await pages.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/invitations=pending&invitationsPage=2/);
  await pages.getByRole('link', { name: 'Previous' }).click();
  await expect(pages.getByText('Invitations 1–50 of 53')).toBeVisible();

  // Finding one address: the search keeps the status filter and starts at page one.
  const search = page.getByRole('searchbox', { name: 'Find invitations by email' });
  await search.fill(`${tag}-07`);
  await search.press('Enter');
  await expect(page).toHaveURL(/invitations=pending&invitationSearch=/);
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row', { name: new RegExp(`${tag}-07@`) })).toBeVisible();
  await expect(pages).toBeHidden();
  await expectAccessible(page);
  await search.fill('nobody-at-all');
  await search.press('Enter');
  await expect(page.getByText('No pending invitations match “nobody-at-all”')).toBeVisible();
  await page.getByRole('search', { name: 'Find invitations by email' }).getByRole('link', { name: 'Clear' }).click();
  await expect(page).not.toHaveURL(/invitationSearch/);
  await expect(pages.getByText('Invitations 1–50 of 53')).toBeVisible();
});

test('an invitation to a console user’s address gives a member session, never the console', async ({ page, browser }) => {
  const name = `Console Invitee ${unique('')}`;
  await newOrganization(page, name);
  // ADMIN_EMAILS admits every address @builders.e2e.test to the console, through a console sign-in.
  const to = `${unique('ops')}@builders.e2e.test`;
  const { link } = await inviteAndReadLink(page, to);
  const member = await visitor(browser);
  await member.page.goto(link);
  await member.page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(member.page).toHaveURL(/\/account\?joined=/);
  await member.page.goto('/organizations');
  await expect(member.page).toHaveURL(/\/login/);
  await expect(member.page.getByRole('heading', { name: 'Sign in to Orgdesk' })).toBeVisible();
  // The console’s own routes refuse that session too.
  const response = await member.page.request.get('/audit/export?format=csv');
  expect(response.status()).toBe(401);
  await member.context.close();
});

test('a pasted list over the limit (more than 1 MB) is refused in the browser with a message, and keeps what was pasted', async ({
  page,
}) => {
  await newOrganization(page, `Long List ${unique('')}`);
  const huge = `${'someone@example.com\n'.repeat(55_000)}`;
  expect(huge.length).toBeGreaterThan(1_000_000);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') requests.push(request.url());
  });
  // Typed in as one paste would arrive: the browser sets the value and React hears an input event.
  await page.getByLabel('Email addresses').evaluate((element, value) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, huge);
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByText('That list is too long. Paste at most 200 addresses at a time.')).toBeVisible();
  await expect(page.getByLabel('Email addresses')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.getByLabel('Email addresses').evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(huge.length);
  expect(requests).toEqual([]);
});
