import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES } from '@/lib/audit/actions';
import { subscribes, WEBHOOK_SUBSCRIPTION_NAMES, webhookEventType } from '@/lib/webhooks/events';
import { delivered, shouldDisable, WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from '@/lib/webhooks/policy';
import { endpointStanding } from '@/lib/webhooks/queries';
import { createWebhookEndpointSchema } from '@/lib/webhooks/schemas';
import { newSigningSecret, signedHeaders } from '@/lib/webhooks/signing';

describe('webhook events', () => {
  it('come from the audit actions the app cares about, grouped for organizations and members', () => {
    expect(webhookEventType('organization.created')).toBe('organization.created');
    for (const action of [
      'organization.renamed',
      'organization.slug_changed',
      'organization.suspended',
      'organization.launched',
    ] as const) {
      expect(webhookEventType(action)).toBe('organization.updated');
    }
    expect(webhookEventType('organization.state_changed')).toBe('organization.state_changed');
    expect(webhookEventType('member.joined')).toBe('member.added');
    expect(webhookEventType('member.role_changed')).toBe('member.updated');
    expect(webhookEventType('member.removed')).toBe('member.removed');
    expect(webhookEventType('invitation.accepted')).toBe('invitation.accepted');
    expect(webhookEventType('domain.verified')).toBe('domain.verified');
    expect(webhookEventType('sso.connection_enabled')).toBe('sso.connection_enabled');
    expect(webhookEventType('directory.user_provisioned')).toBe('directory.user_provisioned');
    // The console's own work, and a builder's test email, are no events for the app.
    for (const action of ['api_key.created', 'role.created', 'job.retried', 'invitation.test_sent', 'webhook.endpoint_disabled'] as const) {
      expect(webhookEventType(action)).toBeNull();
    }
  });

  it('every event type is one an endpoint can subscribe to, by name or by family', () => {
    for (const action of AUDIT_ACTION_NAMES) {
      const type = webhookEventType(action);
      if (type)
        expect(
          WEBHOOK_SUBSCRIPTION_NAMES.some((name) => subscribes([name], type)),
          action,
        ).toBe(true);
    }
    expect(subscribes(['invitation.*'], 'invitation.revoked')).toBe(true);
    expect(subscribes(['organization.updated'], 'organization.deleted')).toBe(false);
    expect(subscribes(['domain.*'], 'directory.created')).toBe(false);
  });
});

describe('webhook signing', () => {
  it('follows Standard Webhooks: the reference library verifies it, and refuses another secret or a changed body', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify({ type: 'member.added', data: { id: 1 } });
    const headers = signedHeaders([secret], 'a1b2', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow();
    const both = signedHeaders([newSigningSecret(), secret], 'a1b2', Math.floor(Date.now() / 1000), body);
    expect(both['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(body, both)).toEqual(JSON.parse(body));
  });
});

describe('webhook delivery policy', () => {
  it('backs off over about a day, then gives up; disables an endpoint failing for a day', () => {
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, i) => webhookRetryDelayMs(i + 1));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
    expect(total).toBeLessThan(30 * 3_600_000);
    const now = new Date('2026-12-04T12:00:00Z');
    expect(shouldDisable(null, now)).toBe(false);
    expect(shouldDisable(new Date(now.getTime() - 23 * 3_600_000), now)).toBe(false);
    expect(shouldDisable(new Date(now.getTime() - 24 * 3_600_000), now)).toBe(true);
    expect([200, 204, 299].every(delivered)).toBe(true);
    expect([199, 301, 410, 500].some(delivered)).toBe(false);
    expect(endpointStanding({ disabledAt: now, failingSince: now })).toBe('disabled');
    expect(endpointStanding({ disabledAt: null, failingSince: now })).toBe('failing');
    expect(endpointStanding({ disabledAt: null, failingSince: null })).toBe('enabled');
  });

  it('an endpoint needs a full address and at least one known event', () => {
    const good = createWebhookEndpointSchema.safeParse({
      url: ' https://app.example.com/hooks ',
      eventTypes: ['member.added', 'invitation.*'],
    });
    expect(good.success && good.data).toMatchObject({ url: 'https://app.example.com/hooks', description: '' });
    expect(createWebhookEndpointSchema.safeParse({ url: 'app.example.com', eventTypes: ['member.added'] }).success).toBe(false);
    expect(createWebhookEndpointSchema.safeParse({ url: 'https://a.example', eventTypes: ['member.*'] }).success).toBe(false);
  });
});
