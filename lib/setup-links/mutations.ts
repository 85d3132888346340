import { recordAudit } from '@/lib/audit/record';
import type { CommandContext, RequestMeta } from '@/lib/commands/define';
import { hasPermission } from '@/lib/commands/permissions';
import { principalRecord } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { seal } from '@/lib/crypto/sealed';
import type { Db } from '@/lib/db/client';
import { fail, notFound, ok, type Result } from '@/lib/result';
import type { AuthenticatedSetupLink } from './auth';
import { newSetupLinkToken } from './auth';
import { cancelSetupLinkEmails, enqueueSetupLinkEmail } from './delivery';
import { SETUP_INTENTS } from './intents';
import type { CreateSetupLinkInput, SetupLinkRefInput } from './schemas';

const HOUR_MS = 60 * 60 * 1000;

/** A setup link's page address. Only ever built from a token in hand: the database has none. */
export function setupLinkUrl(token: string): string {
  return `${getConfig().appUrl.replace(/\/$/, '')}/setup/${token}`;
}

/**
 * Creates a setup link: the token is shown once (and, when an address is given, emailed through
 * the job queue, sealed until it is sent). A builder hands out only what they may set up themselves.
 */
export async function createSetupLink(
  client: Db,
  context: CommandContext,
  input: CreateSetupLinkInput,
): Promise<Result<{ linkId: string; url: string; expiresAt: Date; sentTo: string | null }>> {
  const missing = input.intents.filter((intent) => !hasPermission(context.principal, SETUP_INTENTS[intent].permission));
  if (missing.length) {
    return fail(
      'forbidden',
      `You can only hand out what you may set up yourself. You lack ${missing.map((i) => SETUP_INTENTS[i].permission).join(', ')}.`,
    );
  }
  const { token, hash } = newSetupLinkToken();
  const expiresAt = new Date(context.now.getTime() + input.expiresInHours * HOUR_MS);
  return client.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { status: true } });
    if (!organization) return notFound();
    if (organization.status === 'suspended')
      return fail('suspended', 'This organization is suspended. Reactivate it before handing out its setup.');
    const link = await tx.setupLink.create({
      data: {
        organizationId: input.organizationId,
        tokenHash: hash,
        intents: input.intents,
        sentTo: input.sendTo,
        tokenSealed: input.sendTo ? seal(token, getConfig().authSecret, 'setupLink') : null,
        deliveryStatus: input.sendTo ? 'queued' : null,
        createdByEmail: principalRecord(context.principal).email ?? 'Orgdesk',
        createdAt: context.now,
        expiresAt,
      },
      select: { id: true },
    });
    if (input.sendTo) await enqueueSetupLinkEmail(tx, { id: link.id, organizationId: input.organizationId }, context.now);
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'setup_link.created',
      target: { type: 'setup_link', id: link.id, label: input.sendTo ?? 'Copied link' },
      summary: { intents: input.intents, expiresAt: expiresAt.toISOString(), sentTo: input.sendTo },
    });
    return ok({ linkId: link.id, url: setupLinkUrl(token), expiresAt, sentTo: input.sendTo });
  });
}

/** Revokes a link at once: its page and every command it would run refuse from now on. */
export async function revokeSetupLink(
  client: Db,
  context: CommandContext,
  input: SetupLinkRefInput,
): Promise<Result<{ revoked: boolean }>> {
  return client.$transaction(async (tx) => {
    const link = await tx.setupLink.findFirst({
      where: { id: input.linkId, organizationId: input.organizationId },
      select: { id: true, revokedAt: true, sentTo: true },
    });
    if (!link) return notFound();
    if (link.revokedAt) return ok({ revoked: false });
    // A link revoked before its email went out is never sent.
    const { count: unsent } = await cancelSetupLinkEmails(tx, link.id, 'The setup link was revoked.', context.now);
    await tx.setupLink.update({
      where: { id: link.id },
      data: {
        revokedAt: context.now,
        revokedByEmail: principalRecord(context.principal).email ?? 'Orgdesk',
        tokenSealed: null,
        ...(unsent ? { deliveryStatus: 'failed', deliveryError: 'Revoked before it was sent.' } : {}),
      },
    });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'setup_link.revoked',
      target: { type: 'setup_link', id: link.id, label: link.sentTo ?? 'Copied link' },
    });
    return ok({ revoked: true });
  });
}

/**
 * A browser showed the link's page (a client-side call: a mail scanner's GET never counts). The
 * first time is an audit event; later opens only move "last opened", at most once a minute.
 */
export async function recordSetupLinkOpened(client: Db, auth: AuthenticatedSetupLink, now: Date, request: RequestMeta) {
  await client.$transaction(async (tx) => {
    // One statement: the row as it was (first open?) and the update.
    const rows = await tx.$queryRaw<{ first: boolean }[]>`
      UPDATE setup_links AS link SET opened_at = coalesce(link.opened_at, ${now}), last_opened_at = ${now}
      FROM (SELECT id, opened_at FROM setup_links WHERE id = ${auth.link.id}::uuid FOR UPDATE) AS before
      WHERE link.id = before.id
        AND (link.last_opened_at IS NULL OR link.last_opened_at < ${now}::timestamptz - interval '1 minute')
      RETURNING before.opened_at IS NULL AS first`;
    if (rows[0]?.first) {
      await recordAudit(
        tx,
        { principal: auth.principal, now, request },
        {
          organizationId: auth.organization.id,
          action: 'setup_link.opened',
          target: { type: 'setup_link', id: auth.link.id, label: auth.principal.sentTo ?? 'Copied link' },
        },
      );
    }
  });
}
