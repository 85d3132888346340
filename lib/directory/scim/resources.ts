import { isObject, type Resource, resolvePath } from './normalize';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, GROUP_TYPE, type ResourceTypeDef, USER_SCHEMA, USER_TYPE } from './schema';

/**
 * Stored directory users and groups as SCIM resources, and the `attributes` /
 * `excludedAttributes` projection. Pure: the caller passes the endpoint's base URL.
 */
export interface StoredUser {
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  data: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredGroup {
  id: string;
  /** The organization this group created, when the directory creates organizations from groups. */
  createdOrganizationId?: string | null;
  displayName: string;
  externalId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredMember {
  userId: string;
  display: string | null;
}

function meta(type: ResourceTypeDef, row: { id: string; version: number; createdAt: Date; updatedAt: Date }, base: string) {
  return {
    resourceType: type.name,
    created: row.createdAt.toISOString(),
    lastModified: row.updatedAt.toISOString(),
    location: `${base}${type.endpoint}/${row.id}`,
    version: `W/"${row.version}"`,
  };
}

/** The resource as stored: the canonical attributes the directory sent, before the columns. */
export function storedUserAttributes(row: Pick<StoredUser, 'data' | 'userName' | 'externalId' | 'active'>): Resource {
  const data = isObject(row.data) ? row.data : {};
  return { ...data, userName: row.userName, active: row.active, ...(row.externalId ? { externalId: row.externalId } : {}) };
}

export function userResource(row: StoredUser, base: string): Resource {
  const { userName, active, externalId, ...rest } = storedUserAttributes(row);
  return {
    schemas: rest[ENTERPRISE_USER_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...(externalId ? { externalId } : {}),
    userName,
    ...rest,
    active,
    meta: meta(USER_TYPE, row, base),
  };
}

/** A group; `members` null when excluded (they are not even read then). */
export function groupResource(row: StoredGroup, members: readonly StoredMember[] | null, base: string): Resource {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    ...(members
      ? {
          members: members.map((m) => ({
            value: m.userId,
            ...(m.display ? { display: m.display } : {}),
            $ref: `${base}/Users/${m.userId}`,
            type: 'User',
          })),
        }
      : {}),
    meta: meta(GROUP_TYPE, row, base),
  };
}

/** An attribute list from a query parameter: `userName,emails[type eq "work"],name.givenName`. */
export function attributeList(value: string | null): string[] | null {
  if (!value) return null;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  // A value filter in a projection selects the attribute (`emails[type eq "work"]` → emails).
  return names.map((n) => n.trim().replace(/\[.*\]/, '')).filter(Boolean);
}

interface Selected {
  urn: string | null;
  attribute: string;
  sub: string | null;
}

function selections(type: ResourceTypeDef, names: readonly string[]): Selected[] {
  const out: Selected[] = [];
  for (const name of names) {
    try {
      const path = resolvePath(type, name);
      if (!path.attribute) out.push({ urn: path.urn, attribute: '', sub: null });
      else out.push({ urn: path.urn, attribute: path.attribute.name, sub: path.sub?.name ?? null });
    } catch {
      // An attribute the resource type doesn't have: nothing to return for it.
    }
  }
  return out;
}

/** Whether a projection still needs a group's members (so they aren't read for nothing). */
export function wantsMembers(attributes: readonly string[] | null, excluded: readonly string[] | null): boolean {
  if (attributes) return selections(GROUP_TYPE, attributes).some((s) => s.attribute === 'members');
  if (excluded) return !selections(GROUP_TYPE, excluded).some((s) => s.attribute === 'members' && !s.sub);
  return true;
}

/**
 * Applies `attributes` (only these, plus id and schemas) or `excludedAttributes` (all but these;
 * id and schemas always stay), as RFC 7644 §3.4.2.5 describes.
 */
export function project(
  type: ResourceTypeDef,
  resource: Resource,
  attributes: readonly string[] | null,
  excluded: readonly string[] | null,
): Resource {
  if (attributes) {
    const out: Resource = { schemas: resource.schemas, id: resource.id };
    for (const s of selections(type, attributes)) {
      const source = s.urn ? resource[s.urn] : resource;
      if (!isObject(source)) continue;
      if (s.urn && !isObject(out[s.urn])) out[s.urn] = {};
      const target = (s.urn ? out[s.urn] : out) as Resource;
      if (!s.attribute) {
        Object.assign(target as Resource, source);
        continue;
      }
      const value = source[s.attribute];
      if (value === undefined) continue;
      if (!s.sub) (target as Resource)[s.attribute] = value;
      else if (Array.isArray(value)) {
        (target as Resource)[s.attribute] = value.map((item) => (isObject(item) ? { [s.sub!]: item[s.sub!] } : item));
      } else if (isObject(value) && value[s.sub] !== undefined) {
        (target as Resource)[s.attribute] = { ...((target as Resource)[s.attribute] as Resource | undefined), [s.sub]: value[s.sub] };
      }
    }
    return out;
  }
  if (excluded) {
    const out = structuredClone(resource);
    for (const s of selections(type, excluded)) {
      if (s.attribute === 'id') continue;
      const target = s.urn ? out[s.urn] : out;
      if (!isObject(target)) continue;
      if (!s.attribute) delete out[s.urn!];
      else if (!s.sub) delete target[s.attribute];
      else {
        const value = target[s.attribute];
        if (Array.isArray(value)) for (const item of value) if (isObject(item)) delete item[s.sub];
        if (isObject(value)) delete value[s.sub];
      }
    }
    return out;
  }
  return resource;
}
