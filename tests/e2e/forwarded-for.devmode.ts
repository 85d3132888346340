import { expect, test } from '@playwright/test';
import { RATE_LIMITS } from '@/lib/rate-limit';

// Runs against the second app (its own database), whose per-IP counters no other journey shares.
test('a made-up X-Forwarded-For does not dodge the per-IP limit on accepting invitations', async ({ request }) => {
  const post = (n: number) =>
    request.post('/invite/not-a-real-token/accept', {
      headers: { 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': `203.0.113.${n}` },
      maxRedirects: 0,
    });
  const { limit } = RATE_LIMITS.invitationAcceptsPerIp;
  for (let n = 1; n <= limit; n++) {
    const response = await post(n);
    expect(response.status()).toBe(303);
    expect(response.headers().location).not.toContain('rate_limited');
  }
  const refused = await post(limit + 1);
  expect(refused.status()).toBe(303);
  expect(refused.headers().location).toContain('error=rate_limited');
});
