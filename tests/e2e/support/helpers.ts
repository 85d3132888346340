import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page } from '@playwright/test';

export const SINK = `http://127.0.0.1:${process.env.E2E_SINK_HTTP_PORT}`;
const DNS_CONTROL = `http://127.0.0.1:${process.env.E2E_DNS_CONTROL_PORT}`;

/** Publishes TXT records on the test's DNS server, which the app under test resolves against. */
export async function publishTxt(name: string, txt: string[]) {
  const response = await fetch(`${DNS_CONTROL}/records`, { method: 'PUT', body: JSON.stringify({ name, txt }) });
  if (!response.ok) throw new Error(`DNS control answered ${response.status}`);
}

type Mail = { to: string[]; subject: string; html: string; text: string; receivedAt: string };

export async function mailbox(): Promise<Mail[]> {
  const response = await fetch(`${SINK}/messages`);
  return (await response.json()) as Mail[];
}

/** Waits for the newest email to `address` that arrived after `since`. */
export async function waitForMail(address: string, since = 0, timeoutMs = 15_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await mailbox()).filter((m) => m.to.includes(address) && Date.parse(m.receivedAt) >= since).pop();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email to ${address} arrived within ${timeoutMs} ms`);
}

export function linkIn(html: string, contains: string): string {
  const link = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).find((href) => href.includes(contains));
  if (!link) throw new Error(`No link containing ${contains}`);
  return link;
}

/** The widths every journey checks: a phone and a laptop. */
export const CHECKED_WIDTHS = [390, 1280] as const;

async function axeViolations(page: Page, skipFrames: boolean): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (skipFrames) builder.options({ iframes: false }).exclude('iframe');
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Fails on serious or critical accessibility violations, at a phone's width (390 px, where the page
 * must not scroll sideways either) and at a laptop's (1280 px), in whichever color scheme the page
 * is in. `skipFrames` leaves out framed email HTML (the dev mailbox), which is the message's own
 * markup and runs no scripts.
 */
export async function expectAccessible(page: Page, options: { skipFrames?: boolean } = {}) {
  // After a server action, Next.js swaps the page's metadata in a later commit than its body, so
  // for a moment the document can have no <title>. Let that settle; a page that never gets one
  // still fails axe's document-title rule below.
  await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 5_000 }).catch(() => undefined);
  const original = page.viewportSize();
  try {
    for (const width of CHECKED_WIDTHS) {
      await page.setViewportSize({ width, height: original?.height ?? 800 });
      if (width < 640) {
        // Wait for the layout at this width, then: nothing wider than the screen.
        await page.waitForFunction((w) => window.innerWidth === w, width);
        const overflow = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          widest: [...document.querySelectorAll('body *')]
            .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 1)
            .filter((el) => !el.closest('[data-scroll-region]'))
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 3).join('.')}`),
        }));
        const wider = overflow.widest.length ? overflow.widest : [`the page is ${overflow.scrollWidth} px wide`];
        expect(overflow.scrollWidth <= overflow.innerWidth ? [] : wider, `no sideways scrolling at ${width} px on ${page.url()}`).toEqual(
          [],
        );
      }
      expect(await axeViolations(page, options.skipFrames ?? false), `accessibility at ${width} px on ${page.url()}`).toEqual([]);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

/** Signs in through the email link, the way a builder does. */
export async function signInByEmail(page: Page, email: string) {
  const since = Date.now();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const mail = await waitForMail(email, since);
  const link = linkIn(mail.html, '/login/verify');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirm sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  return link;
}

export function unique(prefix: string) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Opens a section of the organization workspace from its navigation, as a person would. */
export async function openSection(page: Page, section: string) {
  const nav = page.getByRole('navigation', { name: 'Organization sections' });
  const link = nav.getByRole('link', { name: new RegExp(`^${section}`) });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Creates an organization through the form and waits for its Overview; returns its base URL path. */
export async function createOrganization(page: Page, name: string, slug?: string): Promise<string> {
  await page.goto('/organizations/new');
  await page.getByLabel('Organization name').fill(name);
  if (slug !== undefined) await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create Organization' }).click();
  await expect(page).toHaveURL(/created=1/);
  return new URL(page.url()).pathname;
}

/** A member asks for a sign-in link at /account/login and opens it; returns the page after "Sign in". */
export async function memberSignIn(page: Page, email: string) {
  const since = Date.now();
  await page.goto('/account/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(linkIn((await waitForMail(email, since)).html, '/login/verify'));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Suspends the open organization from its Settings, confirming the dialog. */
export async function suspendOrganization(page: Page) {
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Suspend organization…' }).click();
  await page
    .getByRole('dialog', { name: /^Suspend/ })
    .getByRole('button', { name: 'Suspend' })
    .click();
  await expect(page.getByRole('button', { name: 'Reactivate organization' })).toBeVisible();
}

/** Invites `to` with `role`, and accepts in a fresh browser, as the invited person would. */
export async function bringIn(page: Page, browser: Browser, to: string, role: string) {
  const since = Date.now();
  await page.getByLabel('Email addresses').fill(to);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByRole('heading', { name: 'Review before sending' })).toBeVisible();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${to}.`)).toBeVisible();
  const link = linkIn((await waitForMail(to, since)).html, '/invite/');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(invitee).toHaveURL(/\/account\?joined=/);
  await context.close();
}

/** Adds a domain on the organization's Domains page, publishes its TXT record and verifies it. */
export async function addVerifiedDomain(page: Page, domain: string) {
  await openSection(page, 'Domains');
  await page.getByLabel('Domain', { exact: true }).fill(domain);
  await page.getByRole('button', { name: 'Add domain' }).click();
  const item = page.getByRole('listitem', { name: domain });
  const recordValue = (await item.getByText(/^orgdesk-verification=/).textContent())!.trim();
  await publishTxt(`_orgdesk-verification.${domain}`, [recordValue]);
  await item.getByRole('button', { name: `Verify now for ${domain}` }).click();
  await expect(item.getByText('Verified', { exact: true })).toBeVisible();
}
