import { type AttributeDef, GROUP_TYPE, LIST_RESPONSE_SCHEMA, type ResourceTypeDef, SCHEMAS, type SchemaDef, USER_TYPE } from './schema';

/**
 * The discovery documents (RFC 7643 §5–7): what Orgdesk's SCIM service supports, its resource
 * types, and its schemas, generated from the same definitions the requests are read with. Pure.
 */
export function serviceProviderConfig(base: string, maxPageSize: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/orgdesk/orgdesk#directory-sync',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: maxPageSize },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'The directory’s token from the Orgdesk console, sent as "Authorization: Bearer <token>".',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

function resourceType(type: ResourceTypeDef, base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.name === 'User' ? 'User Account' : 'Group',
    schema: type.schema,
    schemaExtensions: type.extensions.map((schema) => ({ schema, required: false })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.name}` },
  };
}

export function resourceTypes(base: string) {
  const resources = [resourceType(USER_TYPE, base), resourceType(GROUP_TYPE, base)];
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export function resourceTypeById(base: string, id: string) {
  return [USER_TYPE, GROUP_TYPE].find((t) => t.name.toLowerCase() === id.toLowerCase())
    ? resourceType(id.toLowerCase() === 'user' ? USER_TYPE : GROUP_TYPE, base)
    : null;
}

function attribute(def: AttributeDef): Record<string, unknown> {
  return {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued ?? false,
    description: def.description,
    required: def.required ?? false,
    caseExact: def.caseExact ?? false,
    mutability: def.mutability ?? 'readWrite',
    returned: def.returned ?? 'default',
    uniqueness: def.uniqueness ?? 'none',
    ...(def.subAttributes ? { subAttributes: def.subAttributes.map(attribute) } : {}),
  };
}

function schema(def: SchemaDef, base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: def.id,
    name: def.name,
    description: def.description,
    attributes: def.attributes.map(attribute),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${def.id}` },
  };
}

export function schemas(base: string) {
  const resources = Object.values(SCHEMAS).map((def) => schema(def, base));
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export function schemaById(base: string, id: string) {
  const def = Object.values(SCHEMAS).find((s) => s.id.toLowerCase() === id.toLowerCase());
  return def ? schema(def, base) : null;
}
