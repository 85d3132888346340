import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { contextFor } from '../lib/commands/define';
import { getConfig } from '../lib/config';
import type { Db } from '../lib/db/client';
import { acceptInvitation } from '../lib/invitations/accept';
import { createInvitations } from '../lib/invitations/mutations';
import { listInvitations } from '../lib/invitations/queries';
import { deriveInvitationToken } from '../lib/invitations/tokens';
import { createOrganization } from '../lib/organizations/mutations';
import { findOrganizationBySlug, listMembers } from '../lib/organizations/queries';
import { countStatements } from './audit';
import { benchSamlAcs } from './sso';

type Measure = (fn: (i: number) => Promise<unknown>) => Promise<{ p50: number; p95: number }>;
export interface CommandFigure {
  p50: number;
  p95: number;
  statements: number;
  sql: string[];
}

/**
 * The detail page's data: the organization with its facts, its first page of members and of
 * invitations, all by slug in one round trip (as the workspace's section pages load them).
 */
export function loadDetailBySlug(client: Db, slug: string, now: Date) {
  return Promise.all([
    findOrganizationBySlug(client, slug, now),
    listMembers(client, { slug }, 1),
    listInvitations(client, { slug }, { filter: 'all' }, now),
  ]);
}

/**
 * The commands issue 10 sets targets for, each with the SQL statements it sends (BEGIN and COMMIT
 * not counted): create an organization, send one invitation, accept one, load the detail page.
 * Then creates per second with 8 concurrent callers.
 */
export async function benchCommands(client: Db, measure: Measure, runs: number) {
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const principal = { kind: 'console_user' as const, userId: user.id, email: user.email, role: 'owner' as const };
  const context = () => contextFor(principal, new Date());
  const tag = crypto.randomBytes(3).toString('hex');
  let n = 0;
  const create = () => createOrganization(client, context(), { name: `Bench ${tag} ${n}`, slug: `bench-${tag}-${n++}` });
  const figures: Record<string, CommandFigure> = {};
  const figure = async (label: string, work: (i: number) => Promise<unknown>, once: () => Promise<unknown>) => {
    const timing = await measure(work);
    const counted = await countStatements(client, once);
    figures[label] = { ...timing, statements: counted.count, sql: counted.statements };
  };

  await figure('create organization', create, create);

  // One invitation, each to a fresh organization (the per-organization rate limit stays out of it).
  const targets: string[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const created = await create();
    if (!created.ok) throw new Error(created.message);
    targets.push(created.data.id);
  }
  let k = 0;
  const invite = () => {
    const organizationId = targets[k % targets.length]!;
    return createInvitations(client, context(), {
      organizationId,
      addresses: `invitee-${tag}-${k++}@bench.example`,
      role: 'member',
      expiresInDays: 7,
      confirm: [],
    });
  };
  await figure('create one invitation', invite, invite);

  // Accept: the invitations just made, each with its token.
  const invitations = await client.invitation.findMany({
    where: { organizationId: { in: targets }, status: 'pending' },
    select: { id: true, tokenNonce: true },
  });
  const tokens = invitations.map((i) => deriveInvitationToken(getConfig().authSecret, i.id, i.tokenNonce));
  let a = 0;
  const accept = () => acceptInvitation(client, tokens[a++]!, null, new Date());
  await figure('accept invitation', accept, accept);

  // The detail page's data: the organization with its facts, its first members and invitations,
  // in one round trip by slug, as the workspace's section pages load them.
  const slugs = await client.organization.findMany({ where: { id: { in: targets } }, select: { slug: true } });
  const detail = async (i: number) => {
    await loadDetailBySlug(client, slugs[i % slugs.length]!.slug, new Date());
  };
  await figure('organization detail', detail, () => detail(0));

  // Creates per second, 8 callers at once.
  const perCaller = Math.max(25, Math.floor(runs / 2));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < perCaller; i++) {
        const result = await create();
        if (!result.ok) throw new Error(result.message);
      }
    }),
  );
  const createsPerSecond = (8 * perCaller) / ((performance.now() - start) / 1000);
  Object.assign(figures, await benchSamlAcs(client, measure, runs));
  return { figures, createsPerSecond };
}
