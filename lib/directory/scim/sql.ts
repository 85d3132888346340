import { escapeLike } from '@/lib/db/like';
import { Prisma } from '@/lib/generated/prisma/client';
import { ScimFailure } from './errors';
import { type AttrRef, type CompareOp, comparedAttribute, type Filter, type FilterValue } from './filter';
import type { AttributeDef } from './schema';

/**
 * A parsed filter as a SQL condition, so a filtered list is one query that the caller scopes to
 * its directory: never an in-memory scan. Values are always bound parameters; LIKE wildcards in
 * them are escaped (a `%` matches a `%`). Attribute names come from the schema, never from the
 * request. Strings compare case-insensitively unless the attribute is case-exact, matching the
 * `lower(…)` indexes on userName and displayName. A leaf on an absent attribute is NULL, which
 * WHERE treats as false; `not (…)` is `IS NOT TRUE`, so it includes resources where the attribute
 * is absent. Leaves stay bare (no COALESCE) so the indexes can serve them.
 */
export interface FilterColumns {
  /** The SQL for a single-valued attribute that has a column of its own, as text. */
  column(path: AttrRef): Prisma.Sql | null;
  /** The resource's jsonb column. */
  data: Prisma.Sql;
  /**
   * An indexable condition implied by `attribute.value eq value` (a multi-valued attribute), ANDed
   * to the exact one so an index can find the candidates; null when there is none.
   */
  valueHint?(attribute: AttributeDef, value: string): Prisma.Sql | null;
  /** Multi-valued attributes kept in a table of their own: a FROM item aliased `e`, and its columns. */
  table?(attribute: AttributeDef): { from: Prisma.Sql; column(sub: AttributeDef): Prisma.Sql | null } | null;
}

function fail(detail: string): never {
  throw new ScimFailure({ status: 400, scimType: 'invalidFilter', detail });
}

const quote = (key: string) => `'${key.replace(/'/g, "''")}'`;

/** `data #>> '{a,b}'`, built from schema names only. */
function jsonText(data: Prisma.Sql, keys: readonly string[]): Prisma.Sql {
  return Prisma.sql`(${data} #>> ${Prisma.raw(quote(`{${keys.map((k) => `"${k}"`).join(',')}}`))})`;
}

function jsonNode(data: Prisma.Sql, keys: readonly string[]): Prisma.Sql {
  return Prisma.sql`(${data} #> ${Prisma.raw(quote(`{${keys.map((k) => `"${k}"`).join(',')}}`))})`;
}

function comparison(expr: Prisma.Sql, op: CompareOp, value: FilterValue, def: AttributeDef): Prisma.Sql {
  if (typeof value === 'boolean') {
    const text = value ? 'true' : 'false';
    return op === 'eq' ? Prisma.sql`(${expr} = ${text})` : Prisma.sql`(${expr} IS DISTINCT FROM ${text})`;
  }
  if (def.type === 'dateTime') {
    const at = new Date(String(value));
    const sqlOp = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as 'eq'];
    if (!sqlOp) fail(`"${op}" can't compare dates.`);
    return Prisma.sql`((${expr})::timestamptz ${Prisma.raw(sqlOp)} ${at})`;
  }
  const text = String(value);
  const exact = def.caseExact === true;
  const left = exact ? expr : Prisma.sql`lower(${expr})`;
  const right = exact ? Prisma.sql`${text}` : Prisma.sql`lower(${text})`;
  const like = (pattern: string) =>
    exact ? Prisma.sql`(${expr} LIKE ${pattern} ESCAPE '\\')` : Prisma.sql`(lower(${expr}) LIKE lower(${pattern}) ESCAPE '\\')`;
  switch (op) {
    case 'eq':
      return Prisma.sql`(${left} = ${right})`;
    case 'ne':
      return Prisma.sql`(${left} IS DISTINCT FROM ${right})`;
    case 'co':
      return like(`%${escapeLike(text)}%`);
    case 'sw':
      return like(`${escapeLike(text)}%`);
    case 'ew':
      return like(`%${escapeLike(text)}`);
    case 'gt':
      return Prisma.sql`(${left} > ${right})`;
    case 'ge':
      return Prisma.sql`(${left} >= ${right})`;
    case 'lt':
      return Prisma.sql`(${left} < ${right})`;
    case 'le':
      return Prisma.sql`(${left} <= ${right})`;
  }
}

const present = (expr: Prisma.Sql) => Prisma.sql`(${expr} IS NOT NULL AND ${expr} <> '')`;
const not = (condition: Prisma.Sql) => Prisma.sql`((${condition}) IS NOT TRUE)`;

/** Where a multi-valued attribute's elements come from: a table, or the jsonb array. */
function elements(path: AttrRef, columns: FilterColumns) {
  const table = columns.table?.(path.attribute);
  if (table) {
    return {
      from: table.from,
      value: (sub: AttributeDef) => table.column(sub) ?? fail(`Filtering on "${path.attribute.name}.${sub.name}" isn’t supported.`),
    };
  }
  const keys = path.urn ? [path.urn, path.attribute.name] : [path.attribute.name];
  const node = jsonNode(columns.data, keys);
  return {
    from: Prisma.sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${node}) = 'array' THEN ${node} ELSE '[]'::jsonb END) AS e(v)`,
    value: (sub: AttributeDef) => Prisma.sql`(e.v ->> ${Prisma.raw(quote(sub.name))})`,
  };
}

/** A single-valued attribute's text. */
function single(path: AttrRef, columns: FilterColumns): Prisma.Sql {
  const own = columns.column(path);
  if (own) return own;
  const keys = [...(path.urn ? [path.urn] : []), path.attribute.name, ...(path.sub ? [path.sub.name] : [])];
  if (path.attribute.name === 'meta' || path.attribute.name === 'id') fail(`Filtering on "${keys.join('.')}" isn’t supported.`);
  return jsonText(columns.data, keys);
}

function leaf(filter: Extract<Filter, { kind: 'compare' | 'present' }>, columns: FilterColumns): Prisma.Sql {
  const { path } = filter;
  if (!path.attribute.multiValued) {
    const expr = single(path, columns);
    return filter.kind === 'present' ? present(expr) : comparison(expr, filter.op, filter.value, comparedAttribute(path));
  }
  const source = elements(path, columns);
  if (filter.kind === 'present' && !path.sub) return Prisma.sql`EXISTS (SELECT 1 FROM ${source.from})`;
  const target = comparedAttribute(path);
  const expr = source.value(target);
  const condition = filter.kind === 'present' ? present(expr) : comparison(expr, filter.op, filter.value, target);
  const exists = Prisma.sql`EXISTS (SELECT 1 FROM ${source.from} WHERE ${condition})`;
  const hint = filter.kind === 'compare' && target.name === 'value' ? valueHint(path, filter, columns) : null;
  return hint ? Prisma.sql`(${hint} AND ${exists})` : exists;
}

function valueHint(path: AttrRef, filter: Filter, columns: FilterColumns): Prisma.Sql | null {
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string' || path.urn) return null;
  return columns.valueHint?.(path.attribute, filter.value) ?? null;
}

/** An element filter (inside `[…]`) over one element's columns. */
function elementCondition(filter: Filter, value: (sub: AttributeDef) => Prisma.Sql): Prisma.Sql {
  switch (filter.kind) {
    case 'and':
      return Prisma.sql`(${elementCondition(filter.left, value)} AND ${elementCondition(filter.right, value)})`;
    case 'or':
      return Prisma.sql`(${elementCondition(filter.left, value)} OR ${elementCondition(filter.right, value)})`;
    case 'not':
      return not(elementCondition(filter.filter, value));
    case 'present':
      return present(value(filter.path.attribute));
    case 'compare':
      return comparison(value(filter.path.attribute), filter.op, filter.value, filter.path.attribute);
    case 'valuePath':
      return fail('A value path can’t be nested.');
  }
}

/** The SQL condition for a filter over a resource's columns. */
export function filterSql(filter: Filter, columns: FilterColumns): Prisma.Sql {
  switch (filter.kind) {
    case 'and':
      return Prisma.sql`(${filterSql(filter.left, columns)} AND ${filterSql(filter.right, columns)})`;
    case 'or':
      return Prisma.sql`(${filterSql(filter.left, columns)} OR ${filterSql(filter.right, columns)})`;
    case 'not':
      return not(filterSql(filter.filter, columns));
    case 'present':
    case 'compare':
      return leaf(filter, columns);
    case 'valuePath': {
      const source = elements(filter.path, columns);
      const inner = elementCondition(filter.filter, source.value);
      const then = filter.then ? Prisma.sql` AND ${elementCondition(filter.then, source.value)}` : Prisma.empty;
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM ${source.from} WHERE ${inner}${then})`;
      const hint =
        filter.then?.kind === 'compare' && filter.then.path.attribute.name === 'value'
          ? valueHint(filter.path, filter.then, columns)
          : null;
      return hint ? Prisma.sql`(${hint} AND ${exists})` : exists;
    }
  }
}
