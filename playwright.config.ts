import { defineConfig, devices } from '@playwright/test';

// Ports are picked once in the runner process; workers inherit them through the environment.
// They stay below Linux's ephemeral range (32768+), where the kernel hands out the local ports
// of outgoing connections: a port picked there can be taken by a database connection before the
// server binds it.
function pickPort(name: string, base: number) {
  if (!process.env[name]) process.env[name] = String(base + Math.floor(Math.random() * 2000));
  return Number(process.env[name]);
}
const appPort = pickPort('E2E_APP_PORT', 10000);
const smtpPort = pickPort('E2E_SMTP_PORT', 12000);
const sinkHttpPort = pickPort('E2E_SINK_HTTP_PORT', 14000);
const dnsPort = pickPort('E2E_DNS_PORT', 16000);
const dnsControlPort = pickPort('E2E_DNS_CONTROL_PORT', 18000);
const devAppPort = pickPort('E2E_DEV_APP_PORT', 20000);
// The test OpenID provider that the SSO journeys start: the app may fetch its discovery over plain http.
const oidcPort = pickPort('E2E_OIDC_PORT', 22000);
// The builder's app's webhook receiver that the webhook journey starts.
const hookPort = pickPort('E2E_HOOK_PORT', 24000);
const devAppUrl = `http://localhost:${devAppPort}`;
// 127.0.0.1, not localhost: Next.js rewrites loopback addresses to localhost in request URLs, and
// every redirect must still land on APP_URL's own origin, where the session cookie lives.
const appUrl = `http://127.0.0.1:${appPort}`;

const dataDir = `.data/e2e-${appPort}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // A cap, not a speed check: the longest journeys (two browsers, axe at two widths on every page)
  // take about a minute here, and a busy machine must not end them early.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: appUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    // Runs first, on the still-empty database: every chip's own empty state.
    {
      name: 'fresh',
      testMatch: /\.fresh\.ts/,
      use: { ...devices['Desktop Chrome'], storageState: '.data/e2e-auth/builder.json' },
      dependencies: ['setup'],
    },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], storageState: '.data/e2e-auth/builder.json' },
      dependencies: ['fresh'],
    },
    // A second app, `npm run dev` without SMTP_URL: the dev mailbox.
    { name: 'second-app', testMatch: /\.devmode\.ts/, use: { ...devices['Desktop Chrome'], baseURL: devAppUrl } },
    // Spends the main app's per-IP allowances, so it runs after every other journey.
    { name: 'last', testMatch: /\.last\.ts/, use: { ...devices['Desktop Chrome'] }, dependencies: ['chromium'] },
  ],
  webServer: [
    {
      command: 'npx tsx tests/support/smtp-sink-server.ts',
      url: `http://127.0.0.1:${sinkHttpPort}/health`,
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_HTTP_PORT: String(sinkHttpPort) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npx tsx tests/support/dns-server-process.ts',
      url: `http://127.0.0.1:${dnsControlPort}/health`,
      env: { DNS_TEST_PORT: String(dnsPort), DNS_CONTROL_PORT: String(dnsControlPort) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node -e "require('fs').rmSync('${dataDir}',{recursive:true,force:true})" && node dist/start.mjs`,
      url: `${appUrl}/login`,
      env: {
        // E2E_DATABASE_URL runs the journeys on PostgreSQL (an empty database); PGlite otherwise.
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? `pglite:${dataDir}`,
        PORT: String(appPort),
        APP_URL: appUrl,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=off`,
        EMAIL_FROM: 'Orgdesk <no-reply@e2e.test>',
        ADMIN_EMAILS: 'builder@e2e.test, @builders.e2e.test',
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        NEXT_TELEMETRY_DISABLED: '1',
        DNS_SERVERS: `127.0.0.1:${dnsPort}`,
        OUTBOUND_ALLOW_ORIGINS: `http://127.0.0.1:${oidcPort},http://127.0.0.1:${hookPort}`,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // `npm run dev`'s own script: next dev (built into .next-dev), no SMTP_URL, the dev mailbox.
      command: `node -e "require('fs').rmSync('.data/e2e-dev-${devAppPort}',{recursive:true,force:true})" && node node_modules/tsx/dist/cli.mjs scripts/dev.ts`,
      url: `${devAppUrl}/login`,
      env: {
        SEED_DEMO: '0',
        DATABASE_URL: `pglite:.data/e2e-dev-${devAppPort}`,
        PORT: String(devAppPort),
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
