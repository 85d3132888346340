import { RATE_LIMITS } from '@/lib/rate-limit/rules';
import { expect, test } from './support/fixtures';

// Runs last (the "last" project): it spends the app's per-IP allowance for accepting invitations,
// part of which the other journeys already used from this same address.
test('a made-up X-Forwarded-For does not dodge the per-IP limit on accepting invitations', async ({ request }) => {
  const post = (n: number) =>
    request.post('/invite/not-a-real-token/accept', {
      headers: { 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': `203.0.113.${n}` },
      maxRedirects: 0,
    });
  const { limit } = RATE_LIMITS.invitationAcceptsPerIp;
  // Each request claims a different address. If the header were trusted, each would get a fresh
  // allowance and none would ever be refused; the socket's address counts, so one is refused
  // within the limit.
  let refusedAt = 0;
  for (let n = 1; n <= limit + 1 && !refusedAt; n++) {
    const response = await post(n);
    expect(response.status()).toBe(303);
    if (response.headers().location?.includes('error=rate_limited')) refusedAt = n;
  }
  expect(refusedAt).toBeGreaterThan(0);
  expect(refusedAt).toBeLessThanOrEqual(limit + 1);
});
