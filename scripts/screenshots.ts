/**
 * `npm run screenshots`: the README's screenshots, taken from the running app. Starts `npm run dev`
 * on a fresh embedded database with the demo data, signs in as the demo builder through the dev
 * mailbox, and saves the organization list and an organization's Overview into public/screenshots/.
 *
 *   npm run screenshots                       light, 1280 px wide, plus a phone-width dark Overview
 *   npm run screenshots -- --overflow <paths> print what sticks out sideways at 390 px instead
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

const BUILDER = 'builder@orgdesk.localhost';
const OUT = path.join(process.cwd(), 'public', 'screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(base: string, app: ChildProcess) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm run dev exited with ${app.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The app did not start within 3 minutes.');
}

/** Signs in the way a builder does in development: the link from the dev mailbox. */
async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(BUILDER);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.goto('/dev/mailbox');
  await page.getByRole('link', { name: 'Sign in to Orgdesk' }).first().click();
  const href = await page.getByRole('region', { name: 'Links in this message' }).getByRole('link').first().getAttribute('href');
  if (!href) throw new Error('No sign-in link in the dev mailbox.');
  await page.goto(href);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
}

async function shoot(
  browser: Browser,
  base: string,
  storageState: string,
  shots: { file: string; path: string; width: number; dark?: boolean }[],
) {
  for (const shot of shots) {
    const context = await browser.newContext({
      baseURL: base,
      storageState,
      viewport: { width: shot.width, height: shot.width < 640 ? 844 : 900 },
      colorScheme: shot.dark ? 'dark' : 'light',
    });
    context.setDefaultTimeout(180_000);
    const page = await context.newPage();
    await page.goto(shot.path);
    await page.waitForLoadState('networkidle');
    // The development server's own badge is not part of the product.
    await page.evaluate(() => document.querySelector('nextjs-portal')?.remove());
    await page.screenshot({ path: path.join(OUT, shot.file), fullPage: shot.width >= 640 });
    console.log(`Saved public/screenshots/${shot.file} (${shot.path}, ${shot.width} px${shot.dark ? ', dark' : ''})`);
    await context.close();
  }
}

async function reportOverflow(browser: Browser, base: string, storageState: string, paths: string[]) {
  const context = await browser.newContext({ baseURL: base, storageState, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const target of paths) {
    await page.goto(target);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 30)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)} visible=${el.checkVisibility()} inRegion=${Boolean(el.closest('[data-scroll-region]'))}`,
        ),
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(`${target}: document ${width} px wide`, found);
  }
  await context.close();
}

async function main() {
  const args = process.argv.slice(2);
  const overflowAt = args.indexOf('--overflow');
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = path.join(os.tmpdir(), `orgdesk-screenshots-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  // No SMTP_URL: mail goes to the dev mailbox, where the sign-in link is read.
  const { SMTP_URL: _smtp, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(port), APP_URL: base, DATABASE_URL: `pglite:${dataDir}`, SEED_DEMO: '1' };
  const app = spawn('npm', ['run', 'dev'], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  // The dev server runs in its own process group: stop all of it, however this script ends (a
  // second dev server sharing .next-dev would fall into a reload loop).
  const stopApp = () => {
    try {
      if (app.pid) process.kill(-app.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopApp();
      process.exit(1);
    });
  }
  app.stdout?.on('data', (chunk) => process.env.SCREENSHOTS_VERBOSE && process.stdout.write(chunk));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    await waitForHealth(base, app);
    const context = await browser.newContext({ baseURL: base });
    // The dev server compiles each page on its first visit, which can take a while.
    context.setDefaultTimeout(180_000);
    const page = await context.newPage();
    await signIn(page);
    const storageState = path.join(dataDir, 'builder.json');
    await context.storageState({ path: storageState });
    await context.close();
    if (overflowAt >= 0) {
      await reportOverflow(browser, base, storageState, args.slice(overflowAt + 1));
      return;
    }
    fs.mkdirSync(OUT, { recursive: true });
    await shoot(browser, base, storageState, [
      { file: 'organizations.png', path: '/organizations', width: 1280 },
      { file: 'overview.png', path: '/organizations/hooli-trial', width: 1280 },
      { file: 'overview-phone-dark.png', path: '/organizations/umbrella-sandbox', width: 390, dark: true },
    ]);
  } finally {
    await browser.close();
    stopApp();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
