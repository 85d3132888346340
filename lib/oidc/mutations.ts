import { changedFields, recordAudit } from '@/lib/audit/record';
import type { CommandContext } from '@/lib/commands/define';
import { principalRecord } from '@/lib/commands/principal';
import type { Db } from '@/lib/db/client';
import { notFound, ok, type Result } from '@/lib/result';
import type { ApplicationRefInput, CreateApplicationInput, UpdateApplicationInput } from './schemas';
import { CLIENT_SECRET_OVERLAP_MS, newClientId, newClientSecret } from './secrets';

/** Registers an application: its client id, and a client secret shown once here and stored as its hash. */
export async function createApplication(
  client: Db,
  context: CommandContext,
  input: CreateApplicationInput,
): Promise<Result<{ id: string; clientId: string; clientSecret: string }>> {
  const clientId = newClientId();
  const { secret, hash, prefix } = newClientSecret();
  return client.$transaction(async (tx) => {
    const created = await tx.application.create({
      data: {
        name: input.name,
        clientId,
        secretHash: hash,
        secretPrefix: prefix,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
        createdByEmail: principalRecord(context.principal).email ?? 'Orgdesk',
        createdAt: context.now,
        updatedAt: context.now,
      },
      select: { id: true },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'application.created',
      target: { type: 'application', id: created.id, label: input.name },
      summary: { clientId, redirectUris: input.redirectUris },
    });
    return ok({ id: created.id, clientId, clientSecret: secret });
  });
}

/** Changes an application's name and addresses; sign-ins under way keep the addresses they started with. */
export async function updateApplication(
  client: Db,
  context: CommandContext,
  input: UpdateApplicationInput,
): Promise<Result<{ changed: boolean }>> {
  return client.$transaction(async (tx) => {
    const before = await tx.application.findUnique({
      where: { id: input.applicationId },
      select: { name: true, redirectUris: true, postLogoutRedirectUris: true },
    });
    if (!before) return notFound();
    const changes = changedFields(
      { name: before.name, redirectUris: before.redirectUris.join('\n'), postLogoutRedirectUris: before.postLogoutRedirectUris.join('\n') },
      { name: input.name, redirectUris: input.redirectUris.join('\n'), postLogoutRedirectUris: input.postLogoutRedirectUris.join('\n') },
    );
    if (!Object.keys(changes).length) return ok({ changed: false });
    await tx.application.update({
      where: { id: input.applicationId },
      data: {
        name: input.name,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
        updatedAt: context.now,
      },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'application.updated',
      target: { type: 'application', id: input.applicationId, label: input.name },
      summary: changes,
    });
    return ok({ changed: true });
  });
}

/** A new client secret, shown once; the old one keeps working beside it for a day. */
export async function rotateApplicationSecret(
  client: Db,
  context: CommandContext,
  input: ApplicationRefInput,
): Promise<Result<{ clientSecret: string; previousUntil: Date }>> {
  const { secret, hash, prefix } = newClientSecret();
  const previousUntil = new Date(context.now.getTime() + CLIENT_SECRET_OVERLAP_MS);
  return client.$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id: input.applicationId }, select: { name: true, secretHash: true } });
    if (!app) return notFound();
    await tx.application.update({
      where: { id: input.applicationId },
      data: {
        secretHash: hash,
        secretPrefix: prefix,
        previousSecretHash: app.secretHash,
        previousSecretExpiresAt: previousUntil,
        updatedAt: context.now,
      },
    });
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'application.secret_rotated',
      target: { type: 'application', id: input.applicationId, label: app.name },
      summary: { previousSecretUntil: previousUntil.toISOString() },
    });
    return ok({ clientSecret: secret, previousUntil });
  });
}

/**
 * Deletes an application: its client id stops working at once, and the tokens and grants issued
 * to it are dropped, so its refresh tokens stop too.
 */
export async function deleteApplication(
  client: Db,
  context: CommandContext,
  input: ApplicationRefInput,
): Promise<Result<{ deleted: true }>> {
  return client.$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id: input.applicationId }, select: { name: true, clientId: true } });
    if (!app) return notFound();
    await tx.application.delete({ where: { id: input.applicationId } });
    await tx.$executeRaw`DELETE FROM oidc_payloads WHERE payload->>'clientId' = ${app.clientId}`;
    await recordAudit(tx, context, {
      organizationId: null,
      action: 'application.deleted',
      target: { type: 'application', id: input.applicationId, label: app.name },
      summary: { clientId: app.clientId },
    });
    return ok({ deleted: true });
  });
}
