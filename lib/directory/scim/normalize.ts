import { ScimFailure, type ScimType } from './errors';
import { type AttributeDef, COMMON_ATTRIBUTES, findAttribute, type ResourceTypeDef, SCHEMAS } from './schema';

/**
 * Reading SCIM resources the way identity providers actually send them: attribute names in any
 * case ("Primary", "Department"), booleans as "True" or "False" (Entra), a single object where a
 * list belongs, nulls for absent values, and extension attributes nested under their URN or
 * URN-qualified at the top level. Everything is turned into one canonical shape, so storage,
 * filters and PATCH see a single dialect. Unknown attributes are ignored, as RFC 7644 allows.
 * Pure.
 */
export type Resource = Record<string, unknown>;

export interface ResolvedPath {
  /** The extension's URN, or null for the core schema and the common attributes. */
  urn: string | null;
  /** The attribute, or null when the path names a whole extension. */
  attribute: AttributeDef | null;
  sub: AttributeDef | null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coreAttributes(type: ResourceTypeDef): AttributeDef[] {
  return [...SCHEMAS[type.schema]!.attributes, ...COMMON_ATTRIBUTES];
}

/**
 * An attribute path: `userName`, `name.givenName`, a URN-qualified one
 * (`urn:…:enterprise:2.0:User:manager.value`), or a whole extension (`urn:…:enterprise:2.0:User`).
 * Case-insensitive. An unknown name fails with `scimType` (invalidPath for PATCH, invalidFilter
 * for filters).
 */
export function resolvePath(type: ResourceTypeDef, path: string, scimType: ScimType = 'invalidPath'): ResolvedPath {
  const fail = (detail: string): never => {
    throw new ScimFailure({ status: 400, scimType, detail });
  };
  const lower = path.toLowerCase();
  let rest = path;
  let urn: string | null = null;
  for (const candidate of [type.schema, ...type.extensions]) {
    const prefix = candidate.toLowerCase();
    if (lower === prefix) {
      if (candidate === type.schema) fail(`"${path}" names the core schema, not an attribute.`);
      return { urn: candidate, attribute: null, sub: null };
    }
    if (lower.startsWith(`${prefix}:`)) {
      rest = path.slice(candidate.length + 1);
      urn = candidate === type.schema ? null : candidate;
      break;
    }
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) fail(`"${path}" is not an attribute path of a ${type.name}.`);
  const attributes = urn ? SCHEMAS[urn]!.attributes : coreAttributes(type);
  const attribute = findAttribute(attributes, parts[0]!) ?? fail(`"${parts[0]}" is not an attribute of a ${type.name}.`);
  let sub: AttributeDef | null = null;
  if (parts[1] !== undefined) {
    sub =
      (attribute.subAttributes && findAttribute(attribute.subAttributes, parts[1])) ??
      fail(`"${parts[1]}" is not a sub-attribute of "${attribute.name}".`);
  }
  return { urn, attribute, sub };
}

function invalid(detail: string): never {
  throw new ScimFailure({ status: 400, scimType: 'invalidValue', detail });
}

/** One value of an attribute in canonical form; undefined for null (no value). */
export function normalizeSingle(def: AttributeDef, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex': {
      // A bare string where a complex value with a `value` belongs: `"members": ["id"]`.
      if (typeof value === 'string' && def.subAttributes?.some((s) => s.name === 'value')) return { value };
      if (!isObject(value)) return invalid(`"${where}" must be an object.`);
      const out: Resource = {};
      for (const [key, raw] of Object.entries(value)) {
        const sub = def.subAttributes && findAttribute(def.subAttributes, key);
        if (!sub) continue;
        const normalized = normalizeSingle(sub, raw, `${where}.${sub.name}`);
        if (normalized !== undefined) out[sub.name] = normalized;
      }
      return out;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
      return invalid(`"${where}" must be true or false, not ${JSON.stringify(value)}.`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      return invalid(`"${where}" must be an integer.`);
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      return invalid(`"${where}" must be a date and time (xsd:dateTime).`);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      return invalid(`"${where}" must be a string.`);
  }
}

/** An attribute's value in canonical form: multi-valued attributes always as a list. */
export function normalizeValue(def: AttributeDef, value: unknown, where: string = def.name): unknown {
  if (value === null || value === undefined) return undefined;
  if (!def.multiValued) {
    if (Array.isArray(value)) return invalid(`"${where}" takes one value, not a list.`);
    return normalizeSingle(def, value, where);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => normalizeSingle(def, item, `${where}[${i}]`)).filter((item) => item !== undefined);
}

/** Whether an attribute is the client's to write (not id, meta or other read-only ones). */
export function isWritable(def: AttributeDef): boolean {
  return def.mutability !== 'readOnly';
}

/** Whether a value is stored: write-only attributes (the password) are accepted and dropped. */
export function isStored(def: AttributeDef): boolean {
  return def.mutability !== 'writeOnly';
}

/**
 * A request body as a canonical resource: canonical attribute names, normalized values, the
 * extension under its URN. `id`, `meta`, `schemas`, read-only and unknown attributes, and the
 * password, are dropped. Throws ScimFailure for a value of the wrong kind.
 */
export function normalizeResource(type: ResourceTypeDef, body: unknown): Resource {
  if (!isObject(body)) throw new ScimFailure({ status: 400, scimType: 'invalidSyntax', detail: 'The body must be a JSON object.' });
  const out: Resource = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue;
    let path: ResolvedPath;
    try {
      path = resolvePath(type, key);
    } catch {
      continue; // an attribute Orgdesk doesn't know: ignored
    }
    if (path.attribute === null) {
      if (!isObject(value)) continue;
      const extension = normalizeExtension(path.urn!, value);
      if (Object.keys(extension).length > 0) out[path.urn!] = { ...(out[path.urn!] as Resource | undefined), ...extension };
      continue;
    }
    if (path.sub || !isWritable(path.attribute) || !isStored(path.attribute)) continue;
    const normalized = normalizeValue(path.attribute, value);
    if (path.urn) {
      const extension = { ...((out[path.urn] as Resource | undefined) ?? {}) };
      if (normalized === undefined) delete extension[path.attribute.name];
      else extension[path.attribute.name] = normalized;
      out[path.urn] = extension;
    } else if (normalized !== undefined) {
      out[path.attribute.name] = normalized;
    }
  }
  return out;
}

function normalizeExtension(urn: string, value: Record<string, unknown>): Resource {
  const out: Resource = {};
  for (const [key, raw] of Object.entries(value)) {
    const def = findAttribute(SCHEMAS[urn]!.attributes, key);
    if (!def || !isWritable(def)) continue;
    const normalized = normalizeValue(def, raw, key);
    if (normalized !== undefined) out[def.name] = normalized;
  }
  return out;
}

/** The schema's required attributes are present and not blank. */
export function checkRequired(type: ResourceTypeDef, resource: Resource): void {
  for (const def of SCHEMAS[type.schema]!.attributes) if (def.required) identifier(resource[def.name], def.name);
}

/** The longest userName or group displayName (the database holds it too). */
export const MAX_IDENTIFIER_LENGTH = 512;

/** A required identifying string (userName, displayName), trimmed: present and not too long, or a 400. */
export function identifier(value: unknown, name: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new ScimFailure({ status: 400, scimType: 'invalidValue', detail: `"${name}" is required.` });
  if (text.length > MAX_IDENTIFIER_LENGTH) {
    throw new ScimFailure({ status: 400, scimType: 'invalidValue', detail: `"${name}" is at most ${MAX_IDENTIFIER_LENGTH} characters.` });
  }
  return text;
}
