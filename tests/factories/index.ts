import crypto from 'node:crypto';
import { db, type Db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/session';
import { recomputeOrganizationState } from '@/lib/organizations/recompute';
import { TEST_BUILDER } from '../support/env';

export const builder: Actor = { kind: 'builder', userId: crypto.randomUUID(), email: TEST_BUILDER };

export function uniqueSlug(prefix = 'org'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
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

export function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}
