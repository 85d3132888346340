import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { ScimFailure } from './errors';
import { type AttrRef, parseFilter } from './filter';
import { attributeList, type StoredGroup, type StoredMember, type StoredUser } from './resources';
import { GROUP_TYPE, USER_TYPE } from './schema';
import { type FilterColumns, filterSql } from './sql';

/**
 * SCIM list requests (RFC 7644 §3.4.2): the filter as one SQL query scoped to the directory,
 * 1-based `startIndex`, `count` (capped), a stable order (creation, then id), and `totalResults`
 * from the same query. Deleted users are gone from lists; deactivated ones stay.
 */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 100;

const positiveInt = (fallback: number) =>
  z
    .string()
    .nullable()
    .transform((value, ctx) => {
      if (value === null || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a whole number.` });
        return z.NEVER;
      }
      return n;
    });

/** The list query parameters, checked with zod. */
export const listQuerySchema = z.object({
  filter: z.string().nullable(),
  startIndex: positiveInt(1).transform((n) => Math.max(1, n)),
  count: positiveInt(DEFAULT_PAGE_SIZE).transform((n) => Math.min(MAX_PAGE_SIZE, Math.max(0, n))),
  attributes: z.string().nullable().transform(attributeList),
  excludedAttributes: z.string().nullable().transform(attributeList),
});

export type ListQuery = z.output<typeof listQuerySchema>;

/** Reads list parameters from a URL's query, whatever their case (`startindex`, `Count`). */
export function readListQuery(params: URLSearchParams): ListQuery {
  const get = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
    return null;
  };
  const parsed = listQuerySchema.safeParse({
    filter: get('filter'),
    startIndex: get('startIndex'),
    count: get('count'),
    attributes: get('attributes'),
    excludedAttributes: get('excludedAttributes'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScimFailure({ status: 400, scimType: 'invalidValue', detail: `${issue.path.join('.')}: ${issue.message}` });
  }
  return parsed.data;
}

const USER_COLUMNS: FilterColumns = {
  data: Prisma.sql`u.data`,
  // The GIN index of every email value, lower-cased (migration directory_email_values).
  valueHint: (attribute, value) =>
    attribute.name === 'emails'
      ? Prisma.sql`(lower(jsonb_path_query_array(u.data, '$.emails[*].value')::text)::jsonb @> jsonb_build_array(lower(${value}::text)))`
      : null,
  column(path: AttrRef) {
    if (path.urn) return null;
    const name = path.sub ? `${path.attribute.name}.${path.sub.name}` : path.attribute.name;
    switch (name) {
      case 'id':
        return Prisma.sql`u.id::text`;
      case 'userName':
        return Prisma.sql`u.user_name`;
      case 'externalId':
        return Prisma.sql`u.external_id`;
      case 'active':
        return Prisma.sql`u.active::text`;
      case 'displayName':
        return Prisma.sql`u.display_name`;
      case 'meta.created':
        return Prisma.sql`u.created_at`;
      case 'meta.lastModified':
        return Prisma.sql`u.updated_at`;
      case 'meta.resourceType':
        return Prisma.sql`'User'`;
      default:
        return null;
    }
  },
};

const GROUP_COLUMNS: FilterColumns = {
  data: Prisma.sql`'{}'::jsonb`,
  column(path: AttrRef) {
    const name = path.sub ? `${path.attribute.name}.${path.sub.name}` : path.attribute.name;
    switch (name) {
      case 'id':
        return Prisma.sql`g.id::text`;
      case 'displayName':
        return Prisma.sql`g.display_name`;
      case 'externalId':
        return Prisma.sql`g.external_id`;
      case 'meta.created':
        return Prisma.sql`g.created_at`;
      case 'meta.lastModified':
        return Prisma.sql`g.updated_at`;
      case 'meta.resourceType':
        return Prisma.sql`'Group'`;
      default:
        return null;
    }
  },
  table(attribute) {
    if (attribute.name !== 'members') return null;
    return {
      from: Prisma.sql`(SELECT m.user_id, m.display FROM directory_group_members m WHERE m.group_id = g.id) AS e`,
      column: (sub) => (sub.name === 'value' ? Prisma.sql`e.user_id::text` : sub.name === 'display' ? Prisma.sql`e.display` : null),
    };
  },
};

interface Page<T> {
  total: number;
  rows: T[];
}

type UserRowSql = {
  id: string;
  user_name: string;
  external_id: string | null;
  active: boolean;
  data: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
  total: bigint;
};

/** One page of a directory's users matching a filter: one query (a second only past the end). */
export async function listDirectoryUsers(client: DbOrTx, directoryId: string, query: ListQuery): Promise<Page<StoredUser>> {
  const where = Prisma.sql`u.directory_id = ${directoryId}::uuid AND u.deleted_at IS NULL${
    query.filter ? Prisma.sql` AND ${filterSql(parseFilter(query.filter, USER_TYPE), USER_COLUMNS)}` : Prisma.empty
  }`;
  const rows = await client.$queryRaw<UserRowSql[]>`
    SELECT u.id, u.user_name, u.external_id, u.active, u.data, u.version, u.created_at, u.updated_at, count(*) OVER () AS total
    FROM directory_users u WHERE ${where}
    ORDER BY u.created_at, u.id OFFSET ${query.startIndex - 1} LIMIT ${query.count}`;
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM directory_users u WHERE ${where}`)[0]!.n);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      userName: r.user_name,
      externalId: r.external_id,
      active: r.active,
      data: r.data,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  };
}

type GroupRowSql = {
  id: string;
  display_name: string;
  external_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  total: bigint;
};

/** One page of a directory's groups, with their members when `withMembers` (one more query). */
export async function listDirectoryGroups(
  client: DbOrTx,
  directoryId: string,
  query: ListQuery,
  withMembers: boolean,
): Promise<Page<StoredGroup & { members: StoredMember[] | null }>> {
  const where = Prisma.sql`g.directory_id = ${directoryId}::uuid${
    query.filter ? Prisma.sql` AND ${filterSql(parseFilter(query.filter, GROUP_TYPE), GROUP_COLUMNS)}` : Prisma.empty
  }`;
  const rows = await client.$queryRaw<GroupRowSql[]>`
    SELECT g.id, g.display_name, g.external_id, g.version, g.created_at, g.updated_at, count(*) OVER () AS total
    FROM directory_groups g WHERE ${where}
    ORDER BY g.created_at, g.id OFFSET ${query.startIndex - 1} LIMIT ${query.count}`;
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM directory_groups g WHERE ${where}`)[0]!.n);
  const members =
    withMembers && rows.length
      ? await groupMembers(
          client,
          rows.map((r) => r.id),
        )
      : null;
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      externalId: r.external_id,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      members: members ? (members.get(r.id) ?? []) : null,
    })),
  };
}

/** Members of groups, by group id, in the order they were added. */
export async function groupMembers(client: DbOrTx, groupIds: readonly string[]): Promise<Map<string, StoredMember[]>> {
  const rows = await client.directoryGroupMember.findMany({
    where: { groupId: { in: [...groupIds] } },
    select: { groupId: true, userId: true, display: true, user: { select: { displayName: true, userName: true } } },
    orderBy: [{ groupId: 'asc' }, { userId: 'asc' }],
  });
  const byGroup = new Map<string, StoredMember[]>();
  for (const row of rows) {
    const list = byGroup.get(row.groupId) ?? [];
    list.push({ userId: row.userId, display: row.display ?? row.user.displayName ?? row.user.userName });
    byGroup.set(row.groupId, list);
  }
  return byGroup;
}
