/**
 * How deliveries are retried and when an endpoint is given up on. Pure.
 * Eight tries over about 28 hours: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h apart.
 */
export const WEBHOOK_DELIVER = 'webhook.deliver';
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** An endpoint whose every delivery has failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;

/** How long a receiver has to answer, and how much of its answer is kept. */
export const SEND_TIMEOUT_MS = 15_000;
export const RESPONSE_BODY_KEPT = 1_000;

/** The wait before the next try, after `attempt` tries (1-based). */
export function webhookRetryDelayMs(attempt: number): number {
  return WEBHOOK_RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), WEBHOOK_RETRY_DELAYS_MS.length) - 1]!;
}

/** Whether an endpoint failing since `failingSince` should now be disabled. */
export function shouldDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
}

/** A receiver's answer counts as delivered when it is a 2xx. */
export function delivered(status: number): boolean {
  return status >= 200 && status < 300;
}
