import { recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { hasPermission } from '@/lib/commands/permissions';
import { principalRecord } from '@/lib/commands/principal';
import type { Db } from '@/lib/db/client';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { newApiKey } from './auth';
import type { ApiKeyRefInput, CreateApiKeyInput } from './schemas';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates an API key: shown once, stored as its hash. A builder gives a key only scopes they hold. */
export async function createApiKey(
  client: Db,
  context: CommandContext,
  input: CreateApiKeyInput,
): Promise<Result<{ id: string; key: string; prefix: string }>> {
  const beyond = input.scopes.filter((scope) => !hasPermission(context.principal, scope));
  if (beyond.length) return fail('forbidden', `A key can’t hold more than you do. You lack ${beyond.join(', ')}.`);
  const organization = input.organizationSlug
    ? await client.organization.findUnique({ where: { slug: input.organizationSlug }, select: { id: true, name: true } })
    : null;
  if (input.organizationSlug && !organization) {
    return fail('invalid_input', undefined, {
      fieldErrors: { organizationSlug: [`No organization has the slug “${input.organizationSlug}”.`] },
    });
  }
  const { key, hash, prefix } = newApiKey();
  return client.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        keyHash: hash,
        scopes: input.scopes,
        organizationId: organization?.id ?? null,
        createdByEmail: principalRecord(context.principal).email ?? 'Orgdesk',
        createdAt: context.now,
        expiresAt: input.expiresInDays ? new Date(context.now.getTime() + input.expiresInDays * DAY_MS) : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, context, {
      organizationId: organization?.id ?? null,
      action: 'api_key.created',
      target: { type: 'api_key', id: created.id, label: `${input.name} (${prefix}…)` },
      summary: { scopes: input.scopes, organization: organization?.name ?? null, expiresInDays: input.expiresInDays },
    });
    return ok({ id: created.id, key, prefix });
  });
}

/** Revokes a key at once: its next request is unauthorized. Revoking it again changes nothing. */
export async function revokeApiKey(client: Db, context: CommandContext, input: ApiKeyRefInput): Promise<Result<{ revoked: boolean }>> {
  return client.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id: input.keyId },
      select: { id: true, name: true, prefix: true, revokedAt: true, organizationId: true },
    });
    if (!key) return notFound();
    if (key.revokedAt) return ok({ revoked: false });
    await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: context.now, revokedByEmail: principalRecord(context.principal).email ?? 'Orgdesk' },
    });
    await recordAudit(tx, context, {
      organizationId: key.organizationId,
      action: 'api_key.revoked',
      target: { type: 'api_key', id: key.id, label: `${key.name} (${key.prefix}…)` },
    });
    return ok({ revoked: true });
  });
}
