import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hasOwnPolicy } from '@/lib/http/csp';

describe('the Content-Security-Policy', () => {
  it('allows scripts by nonce only in production, and no plugins, foreign forms or framing', () => {
    const policy = contentSecurityPolicy('abc123', { development: false, https: true });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('lets development’s tooling run, over plain http', () => {
    const policy = contentSecurityPolicy('abc123', { development: true, https: false });
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('leaves email HTML pages their own policy', () => {
    expect(hasOwnPolicy('/dev/mailbox/8d3c/html')).toBe(true);
    expect(hasOwnPolicy('/organizations/acme/invitations/preview')).toBe(true);
    expect(hasOwnPolicy('/organizations/acme')).toBe(false);
  });
});
