import { RATE_LIMITS } from '@/lib/rate-limit';
import { expect, test } from './support/fixtures';

// Runs last (the "last" project): it spends the app's per-IP allowance for accepting invitations.
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
