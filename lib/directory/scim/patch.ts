import { z } from 'zod';
import { ScimFailure } from './errors';
import { type Filter, matchesElement, parseFilter, pinnedValues } from './filter';
import { checkRequired, isObject, isStored, normalizeSingle, normalizeValue, type Resource, resolvePath } from './normalize';
import { type AttributeDef, PATCH_OP_SCHEMA, type ResourceTypeDef, SCHEMAS } from './schema';

/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a canonical resource, in memory: every operation of a request
 * applies to one copy, and the caller stores the result only when all of them succeeded, so a
 * request applies entirely or not at all. Accepts both dialects identity providers send:
 * - `op` in any case ("Replace", "Add");
 * - paths: an attribute, a sub-attribute, URN-qualified, or a value path with a sub-attribute
 *   (`emails[type eq "work"].value`);
 * - a path-less add or replace whose value holds dotted or URN-qualified keys;
 * - "True"/"False" for booleans;
 * - members removed by `members[value eq "…"]`, or by `path: "members"` with a list of values
 *   (only those are removed); `path: "members"` with no value removes them all.
 * A path-less remove is 400 `noTarget`. Pure.
 */
export type PatchOp = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOp;
  path?: string;
  value?: unknown;
}

const operationSchema = z.object({
  op: z
    .string()
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(['add', 'replace', 'remove'], { error: 'op must be add, replace or remove.' })),
  path: z.string().trim().min(1).optional(),
  value: z.unknown().optional(),
});

/** The PatchOp message, checked with zod; case-insensitive keys ("Operations", "operations"). */
export const patchRequestSchema = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z.array(operationSchema).min(1, 'Operations must list at least one operation.').max(1000),
});

export const MAX_PATCH_OPERATIONS = 1000;

/** Reads a PatchOp body. Throws ScimFailure (400 invalidSyntax or invalidValue). */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: 'The body must be a PatchOp object.' });
  const keyed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    keyed[lower === 'operations' ? 'Operations' : lower] = value;
  }
  const schemas = keyed.schemas;
  if (Array.isArray(schemas) && !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: `A PATCH body's schemas must include "${PATCH_OP_SCHEMA}".` });
  }
  const parsed = patchRequestSchema.safeParse({
    schemas: Array.isArray(schemas) ? schemas : undefined,
    Operations: Array.isArray(keyed.Operations)
      ? keyed.Operations.map((op) => (isObject(op) ? Object.fromEntries(Object.entries(op).map(([k, v]) => [k.toLowerCase(), v])) : op))
      : keyed.Operations,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: `${where}${issue.message}` });
  }
  return parsed.data.Operations;
}

interface Target {
  urn: string | null;
  attribute: AttributeDef | null;
  sub: AttributeDef | null;
  filter: Filter | null;
}

function fail(status: number, scimType: 'invalidPath' | 'noTarget' | 'invalidValue' | 'mutability', detail: string): never {
  throw new ScimFailure({ status, scimType, detail });
}

/** A PATCH path: `attr`, `attr.sub`, URN-qualified, `attr[filter]` or `attr[filter].sub`. */
export function parsePatchPath(type: ResourceTypeDef, path: string): Target {
  const open = path.indexOf('[');
  if (open === -1) return { ...resolvePath(type, path), filter: null };
  const close = path.lastIndexOf(']');
  if (close < open) fail(400, 'invalidPath', `"${path}" has an unclosed "[".`);
  const base = resolvePath(type, path.slice(0, open));
  if (!base.attribute || base.sub || !base.attribute.multiValued || base.attribute.type !== 'complex') {
    fail(400, 'invalidPath', `"${path.slice(0, open)}" can't take a [filter]: only a multi-valued attribute can.`);
  }
  const filter = parseFilter(path.slice(open + 1, close), type, base.attribute);
  const rest = path.slice(close + 1);
  let sub: AttributeDef | null = null;
  if (rest) {
    if (!rest.startsWith('.')) fail(400, 'invalidPath', `Unexpected "${rest}" after the filter in "${path}".`);
    sub = base.attribute.subAttributes?.find((s) => s.name.toLowerCase() === rest.slice(1).toLowerCase()) ?? null;
    if (!sub) fail(400, 'invalidPath', `"${rest.slice(1)}" is not a sub-attribute of "${base.attribute.name}".`);
  }
  return { urn: base.urn, attribute: base.attribute, sub, filter };
}

/** Applies every operation to a copy of `resource`; throws ScimFailure on the first that fails. */
export function applyPatch(type: ResourceTypeDef, resource: Resource, operations: readonly PatchOperation[]): Resource {
  const next = structuredClone(resource);
  for (const operation of operations) applyOperation(type, next, operation);
  checkRequired(type, next);
  return next;
}

function applyOperation(type: ResourceTypeDef, resource: Resource, { op, path, value }: PatchOperation) {
  if (path === undefined) {
    if (op === 'remove') fail(400, 'noTarget', 'A remove operation needs a path: name the attribute or the values to remove.');
    if (!isObject(value)) fail(400, 'invalidValue', `A ${op} without a path needs an object of attributes as its value.`);
    for (const [key, item] of Object.entries(value)) {
      if (key.toLowerCase() === 'schemas') continue;
      let target: Target;
      try {
        target = parsePatchPath(type, key);
      } catch {
        continue; // an attribute Orgdesk doesn't know: ignored, as in a POST
      }
      // Read-only attributes in a path-less value (Okta renames a group with its `id` beside the
      // new displayName) are ignored, as in a PUT; naming one as a path is still refused.
      if (target.attribute?.mutability === 'readOnly') continue;
      applyToTarget(resource, op, target, item);
    }
    return;
  }
  applyToTarget(resource, op, parsePatchPath(type, path), value);
}

function containerOf(resource: Resource, urn: string | null, create: boolean): Resource | undefined {
  if (!urn) return resource;
  const existing = resource[urn];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const created: Resource = {};
  resource[urn] = created;
  return created;
}

function applyToTarget(resource: Resource, op: PatchOp, target: Target, value: unknown) {
  // A whole extension: its attributes one by one.
  if (!target.attribute) {
    if (op === 'remove') {
      delete resource[target.urn!];
      return;
    }
    if (!isObject(value)) fail(400, 'invalidValue', `"${target.urn}" takes an object of its attributes.`);
    for (const [key, item] of Object.entries(value)) {
      const attribute = SCHEMAS[target.urn!]!.attributes.find((a) => a.name.toLowerCase() === key.toLowerCase());
      if (attribute) applyToTarget(resource, op, { urn: target.urn, attribute, sub: null, filter: null }, item);
    }
    return;
  }
  const attribute = target.attribute;
  if (attribute.mutability === 'readOnly') fail(400, 'mutability', `"${attribute.name}" is read-only.`);
  if (!isStored(attribute)) return; // the password: accepted and dropped
  const container = containerOf(resource, target.urn, op !== 'remove');
  if (!container) return;
  if (target.filter) return applyToMatches(container, op, attribute, target.filter, target.sub, value);
  if (target.sub) return applyToSub(container, op, attribute, target.sub, value);
  if (op === 'remove') {
    if (attribute.multiValued && value !== undefined && value !== null) {
      const listed = normalizeValue(attribute, value) as Resource[];
      const current = (container[attribute.name] as Resource[] | undefined) ?? [];
      container[attribute.name] = current.filter((item) => !listed.some((l) => sameElement(attribute, l, item)));
    } else {
      delete container[attribute.name];
    }
    return;
  }
  const normalized = normalizeValue(attribute, value);
  if (normalized === undefined) {
    if (op === 'replace') delete container[attribute.name];
    return;
  }
  if (attribute.multiValued) {
    const incoming = normalized as Resource[];
    const current = op === 'add' ? ((container[attribute.name] as Resource[] | undefined) ?? []) : [];
    const merged = [...current];
    for (const item of incoming) {
      const at = merged.findIndex((existing) => sameElement(attribute, existing, item));
      if (at === -1) merged.push(item);
      else merged[at] = { ...merged[at], ...item };
    }
    container[attribute.name] = onePrimary(merged, incoming);
  } else if (attribute.type === 'complex') {
    container[attribute.name] = { ...((container[attribute.name] as Resource | undefined) ?? {}), ...(normalized as Resource) };
  } else {
    container[attribute.name] = normalized;
  }
}

function applyToSub(container: Resource, op: PatchOp, attribute: AttributeDef, sub: AttributeDef, value: unknown) {
  const where = `${attribute.name}.${sub.name}`;
  if (attribute.multiValued) {
    const current = (container[attribute.name] as Resource[] | undefined) ?? [];
    if (op === 'remove') {
      container[attribute.name] = current.map(({ [sub.name]: _removed, ...rest }) => rest);
      return;
    }
    const normalized = normalizeSingle(sub, value, where);
    container[attribute.name] =
      current.length === 0 ? [{ [sub.name]: normalized }] : current.map((item) => ({ ...item, [sub.name]: normalized }));
    return;
  }
  const current = { ...((container[attribute.name] as Resource | undefined) ?? {}) };
  if (op === 'remove') delete current[sub.name];
  else {
    const normalized = normalizeSingle(sub, value, where);
    if (normalized === undefined) delete current[sub.name];
    else current[sub.name] = normalized;
  }
  container[attribute.name] = current;
}

function applyToMatches(
  container: Resource,
  op: PatchOp,
  attribute: AttributeDef,
  filter: Filter,
  sub: AttributeDef | null,
  value: unknown,
) {
  const current = (container[attribute.name] as Resource[] | undefined) ?? [];
  const matches = current.map((item) => matchesElement(filter, item));
  if (op === 'remove') {
    container[attribute.name] = sub
      ? current.map((item, i) => {
          if (!matches[i]) return item;
          const { [sub.name]: _removed, ...rest } = item;
          return rest;
        })
      : current.filter((_, i) => !matches[i]);
    return;
  }
  const replacement = sub
    ? { [sub.name]: normalizeSingle(sub, value, `${attribute.name}.${sub.name}`) }
    : (normalizeSingle(attribute, value, attribute.name) as Resource | undefined);
  if (!replacement) fail(400, 'invalidValue', `A ${op} of "${attribute.name}[…]" needs a value.`);
  if (matches.some(Boolean)) {
    container[attribute.name] = current.map((item, i) => (matches[i] ? { ...item, ...replacement } : item));
    return;
  }
  // Nothing matches yet: create the element the filter describes (Entra's `emails[type eq "work"].value`).
  const pinned = pinnedValues(filter);
  if (!pinned) fail(400, 'noTarget', `No value of "${attribute.name}" matches the filter.`);
  const created = { ...pinned, ...replacement };
  container[attribute.name] = onePrimary([...current, created], [created]);
}

/** Two values of a multi-valued attribute are the same when their `value` is (members by id, exactly). */
function sameElement(attribute: AttributeDef, a: Resource, b: Resource): boolean {
  if (a.value === undefined || b.value === undefined) return JSON.stringify(a) === JSON.stringify(b);
  const valueDef = attribute.subAttributes?.find((s) => s.name === 'value');
  if (valueDef?.caseExact) return a.value === b.value;
  return String(a.value).toLowerCase() === String(b.value).toLowerCase() && (a.type ?? null) === (b.type ?? null);
}

/** At most one primary value: the newest one marked primary keeps it. */
function onePrimary(list: Resource[], incoming: Resource[]): Resource[] {
  const newest = [...incoming].reverse().find((item) => item.primary === true);
  if (!newest) return list;
  return list.map((item) => (item.primary === true && !sameElementLoose(item, newest) ? { ...item, primary: false } : item));
}

function sameElementLoose(a: Resource, b: Resource) {
  return a === b || (a.value !== undefined && a.value === b.value && (a.type ?? null) === (b.type ?? null));
}
