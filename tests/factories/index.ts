import crypto from 'node:crypto';
import { memberPrincipal } from '@/lib/access/permissions';
import type { ConsoleUser } from '@/lib/auth/session';
import { type CommandContext, contextFor } from '@/lib/commands/define';
import { type Db, db } from '@/lib/db/client';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { TEST_BUILDER, TEST_BUILDER_ID } from '../support/env';

/** The console user every integration test acts as; global setup creates its user row. */
export const builder: ConsoleUser = { kind: 'console_user', userId: TEST_BUILDER_ID, email: TEST_BUILDER, role: 'owner' };

/** A command context: the builder acting at `now`, for calling domain mutations directly. */
export function at(now: Date = new Date()): CommandContext {
  return contextFor(builder, now, { ip: '203.0.113.7', requestId: 'test-request' });
}

export function uniqueSlug(prefix = 'org'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
}

/** A domain name no other test uses: at most one organization may hold a name verified. */
export function uniqueDomain(prefix = 'domain'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}.com`;
}

export function uniqueEmail(prefix = 'user', domain = 'example.com'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}@${domain}`;
}

/** An organization with random slug and name; `build` adds facts in the same transaction. */
export async function createTestOrganization(
  options: {
    name?: string;
    slug?: string;
    createdAt?: Date;
    now?: Date;
    build?: (tx: Parameters<Parameters<Db['$transaction']>[0]>[0], organizationId: string) => Promise<unknown>;
  } = {},
) {
  const client = await db();
  const slug = options.slug ?? uniqueSlug();
  const now = options.now ?? new Date();
  return client.$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { name: options.name ?? `Test ${slug}`, slug, createdAt: options.createdAt ?? now },
    });
    await options.build?.(tx, organization.id);
    await recomputeOrganizationState(tx, organization.id, now);
    return tx.organization.findUniqueOrThrow({ where: { id: organization.id } });
  });
}

/** A command's input as a form posts it: every field a string. */
export function form(values: Record<string, string>): Record<string, string> {
  return { ...values };
}

/**
 * A member principal acting in `organizationId` with `role`, holding the permissions the roles
 * tables give that role (as the app resolves them).
 */
export async function memberOf(organizationId: string, role: string, who: { userId: string; email: string } = builder) {
  return memberPrincipal(await db(), { userId: who.userId, email: who.email, organizationId, role });
}
