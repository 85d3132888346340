import crypto from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../lib/db/migrate';
import { withPostgresRunner } from '../lib/db/runner';
import {
  countPendingInvitations,
  deriveOrganizationState,
  emptyOrganizationFacts,
  nextStateChangeAt,
  type OrganizationFacts,
} from '../lib/organizations/state';

const DAY = 24 * 60 * 60 * 1000;
const WORDS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Vandelay',
  'Pied Piper',
  'Aperture',
  'Massive Dynamic',
  'Oscorp',
];
const SUFFIXES = ['Labs', 'Group', 'Health', 'Retail', 'Bank', 'Logistics', 'Studio', 'Systems', 'Foods', 'Energy'];

/** A small seeded PRNG so every run seeds the same mix. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Column name -> its element type for unnest, an optional cast, and the values. */
type Columns = Record<string, { type: string; cast?: string; values: unknown[] }>;

async function insertColumns(client: pg.Client, table: string, columns: Columns) {
  const names = Object.keys(columns);
  const length = columns[names[0]!]!.values.length;
  const BATCH = 10_000;
  for (let start = 0; start < length; start += BATCH) {
    const params = names.map((name) => columns[name]!.values.slice(start, start + BATCH));
    const arrays = names.map((name, i) => `$${i + 1}::${columns[name]!.type}[]`).join(', ');
    const aliases = names.map((_, i) => `c${i}`);
    const select = names.map((name, i) => (columns[name]!.cast ? `c${i}::${columns[name]!.cast}` : `c${i}`)).join(', ');
    await client.query(
      `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) SELECT ${select} FROM unnest(${arrays}) AS t(${aliases.join(', ')})`,
      params,
    );
  }
}

/**
 * Seeds `count` organizations in a realistic mix of states, with members, invitations, domains
 * and activity in proportion. States are derived by the product's own pure function, exactly.
 */
export async function seedBenchData(client: pg.Client, count: number, now = new Date()) {
  const random = prng(count);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const orgs: Columns = Object.fromEntries(
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['slug', 'text'],
      ['status', '"OrganizationStatus"'],
      ['state', '"OrganizationState"'],
      ['state_reasons', 'jsonb'],
      ['state_valid_until', 'timestamptz'],
      ['member_count', 'int'],
      ['pending_invitation_count', 'int'],
      ['verified_domain_count', 'int'],
      ['end_user_activity_at', 'timestamptz'],
      ['suspended_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ].map(([name, type]) => [name!, { type: type!, values: [] as unknown[] }]),
  );
  const users: Columns = {
    id: { type: 'uuid', values: [] },
    email: { type: 'text', values: [] },
    updated_at: { type: 'timestamptz', values: [] },
  };
  const members: Columns = {
    id: { type: 'uuid', values: [] },
    organization_id: { type: 'uuid', values: [] },
    user_id: { type: 'uuid', values: [] },
    role: { type: 'text', values: [] },
    status: { type: '"MembershipStatus"', values: [] },
    joined_via: { type: '"MembershipSource"', values: [] },
    updated_at: { type: 'timestamptz', values: [] },
  };
  const invitations: Columns = {
    id: { type: 'uuid', values: [] },
    organization_id: { type: 'uuid', values: [] },
    email: { type: 'text', values: [] },
    token_hash: { type: 'text', values: [] },
    status: { type: '"InvitationStatus"', values: [] },
    delivery_status: { type: '"DeliveryStatus"', values: [] },
    expires_at: { type: 'timestamptz', values: [] },
    updated_at: { type: 'timestamptz', values: [] },
    accepted_at: { type: 'timestamptz', values: [] },
    revoked_at: { type: 'timestamptz', values: [] },
  };
  const domains: Columns = {
    id: { type: 'uuid', values: [] },
    organization_id: { type: 'uuid', values: [] },
    name: { type: 'text', values: [] },
    status: { type: '"DomainStatus"', values: [] },
    dependents: { type: 'text', cast: 'text[]', values: [] },
    updated_at: { type: 'timestamptz', values: [] },
    verified_at: { type: 'timestamptz', values: [] },
  };
  const activity: Columns = {
    id: { type: 'uuid', values: [] },
    organization_id: { type: 'uuid', values: [] },
    kind: { type: '"ActivityKind"', values: [] },
    actor_email: { type: 'text', values: [] },
    occurred_at: { type: 'timestamptz', values: [] },
  };
  const push = (columns: Columns, row: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(row)) columns[key]!.values.push(value);
  };

  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    const slug = `org-${i}`;
    const name = `${pick(WORDS)} ${pick(SUFFIXES)} ${i}`;
    // The mix: ~20% setup, ~15% pending, ~25% ready, ~30% active, the rest with blockers.
    const kind = random();
    const facts: OrganizationFacts = { ...emptyOrganizationFacts(), status: random() < 0.02 ? 'suspended' : 'active' };
    if (kind >= 0.2) {
      const invitationCount = 1 + Math.floor(random() * 4);
      for (let n = 0; n < invitationCount; n++) {
        const status = kind < 0.35 ? 'pending' : pick(['pending', 'accepted', 'accepted', 'revoked', 'expired'] as const);
        const expiresAt = new Date(now.getTime() + (random() * 14 - 5) * DAY);
        const delivery = random() < 0.03 ? 'bounced' : random() < 0.05 ? 'queued' : 'sent';
        const email = `invitee${n}@${slug}.example`;
        push(invitations, {
          id: crypto.randomUUID(),
          organization_id: id,
          email,
          token_hash: crypto.randomBytes(16).toString('hex'),
          status,
          delivery_status: delivery,
          expires_at: expiresAt,
          updated_at: now,
          accepted_at: status === 'accepted' ? now : null,
          revoked_at: status === 'revoked' ? now : null,
        });
        if (status === 'pending' || status === 'expired')
          facts.openInvitations = [...facts.openInvitations, { email, status, expiresAt, deliveryStatus: delivery }];
        if (status === 'accepted') facts.acceptedInvitationCount++;
      }
    }
    if (kind >= 0.35) {
      const memberCount = 1 + Math.floor(random() * 7);
      for (let n = 0; n < memberCount; n++) {
        const userId = crypto.randomUUID();
        const status = random() < 0.05 ? 'suspended' : 'active';
        push(users, { id: userId, email: `m${n}@${slug}.example`, updated_at: now });
        push(members, {
          id: crypto.randomUUID(),
          organization_id: id,
          user_id: userId,
          role: n === 0 ? 'owner' : n === 1 ? 'admin' : 'member',
          status,
          joined_via: 'invitation',
          updated_at: now,
        });
        facts.memberCount++;
        if (status === 'active') facts.activeMemberCount++;
      }
    }
    if (random() < 0.4) {
      const status = pick(['verified', 'verified', 'verified', 'pending', 'failed'] as const);
      const dependents = random() < 0.5 ? ['auto_join'] : [];
      push(domains, {
        id: crypto.randomUUID(),
        organization_id: id,
        name: `${slug}.example`,
        status,
        dependents: `{${dependents.join(',')}}`,
        updated_at: now,
        verified_at: status === 'verified' ? now : null,
      });
      facts.domains = [{ name: `${slug}.example`, status, dependents }];
    }
    if (kind >= 0.6) {
      const events = 1 + Math.floor(random() * 10);
      let last = 0;
      const recent = random() < 0.85;
      for (let n = 0; n < events; n++) {
        const at = now.getTime() - (recent ? random() * 25 : 31 + random() * 60) * DAY;
        last = Math.max(last, at);
        push(activity, {
          id: crypto.randomUUID(),
          organization_id: id,
          kind: pick(['sso_sign_in', 'auto_join', 'api_event'] as const),
          actor_email: `end${n}@${slug}.example`,
          occurred_at: new Date(at),
        });
      }
      facts.lastEndUserActivityAt = new Date(last);
    }
    const derived = deriveOrganizationState(facts, now);
    push(orgs, {
      id,
      name,
      slug,
      status: facts.status,
      suspended_at: facts.status === 'suspended' ? now : null,
      state: derived.state,
      state_reasons: JSON.stringify(derived.reasons),
      state_valid_until: nextStateChangeAt(facts, now),
      member_count: facts.memberCount,
      pending_invitation_count: countPendingInvitations(facts, now),
      verified_domain_count: facts.domains.filter((d) => d.status === 'verified').length,
      end_user_activity_at: facts.lastEndUserActivityAt,
      created_at: new Date(now.getTime() - random() * 700 * DAY),
      updated_at: now,
    });
  }
  await insertColumns(client, 'organizations', orgs);
  await insertColumns(client, 'users', users);
  await insertColumns(client, 'memberships', members);
  await insertColumns(client, 'invitations', invitations);
  await insertColumns(client, 'domains', domains);
  await insertColumns(client, 'end_user_activity', activity);
  // A settled database, as autovacuum leaves it: no vacuum running during the measurements.
  await client.query('VACUUM ANALYZE');
  return {
    organizations: count,
    members: members.id!.values.length,
    invitations: invitations.id!.values.length,
    domains: domains.id!.values.length,
    activity: activity.id!.values.length,
  };
}

/** A fresh, migrated database `name` beside `baseUrl`'s (dropped first if it exists); its URL. */
export async function freshBenchDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await withPostgresRunner(url.toString(), (runner) => applyMigrations(runner));
  return url.toString();
}
