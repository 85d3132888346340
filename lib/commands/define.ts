import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { db } from '@/lib/db/client';
import { fail, notFound, type Result } from '@/lib/result';
import { setupLinkRefusal } from '@/lib/setup-links/auth';
import { formValues, validationFailure } from './input';
import { canReachOrganization, hasPermission, mayRunCommand, type Permission } from './permissions';
import type { Principal } from './principal';

/** Where a call came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

/** What a handler receives beside its input: who acts, when, and from where. */
export interface CommandContext {
  principal: Principal;
  now: Date;
  request: RequestMeta;
}

export interface CommandDefinition<S extends z.ZodType, T> {
  /** The command's name, e.g. `organizations.rename`. */
  name: string;
  schema: S;
  permission: Permission;
  handler: (context: CommandContext, input: z.output<S>) => Promise<Result<T>>;
}

export interface Command<S extends z.ZodType, T> {
  (principal: Principal | null, input: unknown, options?: { request?: RequestMeta; now?: Date }): Promise<Result<T>>;
  readonly definition: CommandDefinition<S, T>;
}

/**
 * Declares a command once: its input schema, the permission it needs and its handler. Every
 * transport (server action, API route, SCIM route) calls the same command with its principal.
 * Before the handler runs: no principal is "unauthenticated", a setup link that was revoked or
 * has expired is refused as such, an organization the principal can't reach is "not found", and
 * a missing permission (or, for a setup link, a command its intents don't list) is "forbidden".
 */
export function defineCommand<S extends z.ZodType, T>(definition: CommandDefinition<S, T>): Command<S, T> {
  const run = async (principal: Principal | null, input: unknown, options: { request?: RequestMeta; now?: Date } = {}) => {
    const values = input && typeof input === 'object' ? formValues(input as Record<string, unknown>) : {};
    if (!principal) return fail('unauthenticated');
    const parsed = definition.schema.safeParse(input);
    if (!parsed.success) return validationFailure(parsed.error, values);
    const now = options.now ?? new Date();
    if (principal.kind === 'setup_link') {
      // A link revoked or expired after its page was shown acts no more.
      const refusal = await setupLinkRefusal(await db(), principal, now);
      if (refusal) return { ...refusal, values };
    }
    const organizationId = (parsed.data as { organizationId?: unknown }).organizationId;
    if (typeof organizationId === 'string' && !canReachOrganization(principal, organizationId)) return notFound();
    const context: CommandContext = { principal, now, request: options.request ?? { ip: null, requestId: null } };
    if (!hasPermission(principal, definition.permission) || !mayRunCommand(principal, definition.name)) {
      await recordRefusal(context, definition, typeof organizationId === 'string' ? organizationId : null);
      return fail('forbidden');
    }
    const result = await definition.handler(context, parsed.data);
    if (!result.ok && !result.values) return { ...result, values };
    return result;
  };
  return Object.assign(run, { definition });
}

/**
 * A refused attempt is an event too: a Viewer's forged request, a member reaching past their role.
 * It changes nothing else, so it is written on its own.
 */
async function recordRefusal(context: CommandContext, definition: { name: string; permission: Permission }, organizationId: string | null) {
  await recordAudit(await db(), context, {
    organizationId,
    action: 'command.refused',
    target: { type: 'command', id: definition.name, label: definition.name },
    summary: { permission: definition.permission, reason: 'forbidden' },
  });
}

/** A context for work no request started (the scheduler, tests). */
export function contextFor(principal: Principal, now: Date, request: RequestMeta = { ip: null, requestId: null }): CommandContext {
  return { principal, now, request };
}
