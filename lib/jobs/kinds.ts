import { signInEmailJob } from '@/lib/auth/sign-in-link';
import { consoleInvitationEmailJob } from '@/lib/console/delivery';
import { invitationEmailJob } from '@/lib/invitations/delivery';
import { setupLinkEmailJob } from '@/lib/setup-links/delivery';
import { webhookDeliveryJob } from '@/lib/webhooks/delivery';
import type { JobKind } from './kind';
import { probeJob } from './probe';

let kinds: Record<string, JobKind<unknown>> | undefined;

/**
 * Every kind of background job, by name. A kind's handler lives with its own area. Built on
 * first use, since those areas also import the runner.
 */
export function jobKinds(): Record<string, JobKind<unknown>> {
  kinds ??= Object.fromEntries(
    (
      [invitationEmailJob, consoleInvitationEmailJob, signInEmailJob, setupLinkEmailJob, webhookDeliveryJob, probeJob] as JobKind<unknown>[]
    ).map((kind) => [kind.kind, kind]),
  );
  return kinds;
}
