import { test as base, expect } from '@playwright/test';
import { hasOwnPolicy } from '@/lib/http/csp';

/**
 * Every journey runs under this guard: each page the browser loads must carry the strict
 * Content-Security-Policy (scripts by nonce only), and nothing on it may be refused by it.
 */
export const test = base.extend<{ contentSecurityPolicy: undefined }>({
  contentSecurityPolicy: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'document' || response.status() >= 300) return;
        const url = new URL(response.url());
        if (hasOwnPolicy(url.pathname)) return;
        const policy = response.headers()['content-security-policy'] ?? '';
        if (!/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/.test(policy) || /script-src [^;]*'unsafe-inline'/.test(policy)) {
          problems.push(`${url.pathname} has no strict Content-Security-Policy: "${policy}"`);
        }
      });
      await use(undefined);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
