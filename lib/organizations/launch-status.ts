import type { CommandContext } from '@/lib/commands/define';
import { hasPermission } from '@/lib/commands/permissions';
import { principalRecord } from '@/lib/commands/principal';
import type { Db, DbOrTx } from '@/lib/db/client';
import { checkDomain } from '@/lib/domains/checker';
import { deliverQueuedEmail } from '@/lib/invitations/delivery';
import { invitationTemplateFingerprint } from '@/lib/invitations/fingerprint';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { refreshSamlMetadata } from '@/lib/sso/mutations';
import { loadOrganizationFacts } from './facts';
import { deriveLaunchChecks, type LaunchCheck, type LaunchSummary, launchCheckTitle, launchRank, summarizeLaunch } from './launch';
import { lockOrganization, recomputeOrganizationState } from './recompute';
import type { CheckNowInput, MarkLaunchedInput } from './schemas';
import { deriveOrganizationState } from './state';

export interface LaunchStatus {
  checks: LaunchCheck[];
  summary: LaunchSummary;
  launchedAt: Date | null;
  launchedBy: string | null;
  overrideReason: string | null;
}

/** The launch check as it stands now, derived live from the recorded facts; null when the organization is gone. */
export async function loadLaunchStatus(client: DbOrTx, organizationId: string, now: Date): Promise<LaunchStatus | null> {
  const [loaded, launch, fingerprint] = await Promise.all([
    loadOrganizationFacts(client, organizationId),
    client.organization.findUnique({
      where: { id: organizationId },
      select: { launchedAt: true, launchedBy: true, launchOverrideReason: true },
    }),
    invitationTemplateFingerprint(),
  ]);
  if (!loaded || !launch) return null;
  const { state } = deriveOrganizationState(loaded.facts, now);
  const checks = deriveLaunchChecks({ ...loaded.launch, state }, now, fingerprint);
  return {
    checks,
    summary: summarizeLaunch(checks),
    launchedAt: launch.launchedAt,
    launchedBy: launch.launchedBy,
    overrideReason: launch.launchOverrideReason,
  };
}

/** Who launched, as the organization shows it: the person's address, else the principal's kind and id. */
function launcher(context: CommandContext): string {
  const actor = principalRecord(context.principal);
  return actor.email ?? `${actor.kind}${actor.id ? ` ${actor.id}` : ''}`;
}

/**
 * Marks the organization as launched: only when every applicable check passes, unless a builder
 * who may override gives a reason. Audited with the checks as they stood. Launching never
 * changes later: a check that fails afterwards is shown and audited, not un-launched.
 */
export async function markLaunched(client: Db, context: CommandContext, input: MarkLaunchedInput): Promise<Result<{ launchedAt: Date }>> {
  const { now } = context;
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const status = await loadLaunchStatus(tx, input.organizationId, now);
    if (!status) return notFound();
    if (status.launchedAt)
      return fail('already_launched', `This organization was marked as launched on ${status.launchedAt.toISOString().slice(0, 10)}.`);
    const { summary } = status;
    const overriding = !summary.ready;
    if (overriding) {
      const titles = summary.failing.map(launchCheckTitle).join('; ');
      if (!input.override) {
        return fail(
          'launch_checks_failing',
          `${summary.failing.length} of ${summary.applicable} checks fail: ${titles}. Fix them, or override with a reason.`,
        );
      }
      if (!hasPermission(context.principal, 'organizations.launch_override')) {
        return fail('forbidden', `${summary.failing.length} checks fail (${titles}), and only a console owner may override them.`);
      }
    }
    await tx.organization.update({
      where: { id: input.organizationId },
      data: {
        launchedAt: now,
        launchedBy: launcher(context),
        launchOverrideReason: overriding ? input.reason : null,
        launchRank: launchRank(summary, true),
      },
      select: { id: true },
    });
    await recomputeOrganizationState(tx, input.organizationId, now, context, [
      {
        organizationId: input.organizationId,
        action: 'organization.launched',
        target: { type: 'organization', id: input.organizationId },
        summary: {
          passed: summary.passed,
          applicable: summary.applicable,
          ...(overriding ? { override: true, reason: input.reason, failing: summary.failing } : {}),
        },
      },
    ]);
    return ok({ launchedAt: now });
  });
}

type LiveStep = (client: Db, context: CommandContext, organizationId: string) => Promise<string>;

/** The latest test invitation of an organization, as "Check now" reads it. */
const lastTestInvitation = (client: Db, organizationId: string) =>
  client.invitation.findFirst({
    where: { organizationId, isTest: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { deliveryStatus: true, email: true },
  });

/** What each live step of "Check now" does; each returns what it did, in words. */
const LIVE_STEPS: Record<CheckNowInput['step'], LiveStep> = {
  // The DNS of the domains the checks rely on, recorded as the checker would.
  domains: async (client, context, organizationId) => {
    const domains = await client.domain.findMany({ where: { organizationId, verificationToken: { not: null } }, select: { id: true } });
    for (const domain of domains) await checkDomain(client, domain.id, context.now, undefined, context);
    return domains.length ? `Checked the DNS of ${domains.length} ${domains.length === 1 ? 'domain' : 'domains'}.` : 'No domain to check.';
  },
  // The metadata of the enabled SAML connections read from a URL.
  sso: async (client, context, organizationId) => {
    const connections = await client.ssoConnection.findMany({
      where: { organizationId, enabled: true, protocol: 'saml', idpMetadataUrl: { not: null } },
      select: { id: true },
    });
    for (const connection of connections) await refreshSamlMetadata(client, context, { organizationId, connectionId: connection.id });
    return connections.length
      ? `Read the metadata of ${connections.length} SSO ${connections.length === 1 ? 'connection' : 'connections'} again.`
      : 'No SSO metadata to read from a URL.';
  },
  // The last test invitation's delivery, sent now if it is still queued.
  invitation: async (client, context, organizationId) => {
    if ((await lastTestInvitation(client, organizationId))?.deliveryStatus === 'queued') {
      await deliverQueuedEmail(client, context.now, 20, { organizationId });
    }
    const test = await lastTestInvitation(client, organizationId);
    return test ? `The last test invitation, to ${test.email}, is ${test.deliveryStatus}.` : 'No test invitation has been sent.';
  },
};

/**
 * One live step of "Check now" (LIVE_STEPS), then the state and the launch check recomputed.
 * Returns what the step did, in words.
 */
export async function checkNow(client: Db, context: CommandContext, input: CheckNowInput): Promise<Result<{ done: string }>> {
  const { organizationId } = input;
  const organization = await client.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!organization) return notFound();
  const done = await LIVE_STEPS[input.step](client, context, organizationId);
  await client.$transaction((tx) => recomputeOrganizationState(tx, organizationId, context.now, context));
  return ok({ done });
}
