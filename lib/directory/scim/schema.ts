/**
 * The SCIM 2.0 resource schemas Orgdesk serves (RFC 7643): the core User with the enterprise
 * extension, and the core Group. One definition drives reading requests (attribute names are
 * case-insensitive), filters, PATCH paths, `attributes` projection and the /Schemas document.
 * Pure data.
 */
export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'complex' | 'reference' | 'integer';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'default' | 'never';
  uniqueness?: 'none' | 'server';
  description: string;
  subAttributes?: AttributeDef[];
  /** Other names clients use for it (Microsoft's reference sends a member's `displayName`). */
  aliases?: string[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Entra ID adds this to group requests; accepted and otherwise ignored. */
export const ENTRA_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

const str = (name: string, description: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({
  name,
  type: 'string',
  description,
  ...extra,
});
const bool = (name: string, description: string): AttributeDef => ({ name, type: 'boolean', description });

/** A multi-valued attribute with the usual value, display, type and primary. */
function multi(name: string, description: string, valueDescription: string, extra: AttributeDef[] = []): AttributeDef {
  return {
    name,
    type: 'complex',
    multiValued: true,
    description,
    subAttributes: [
      str('value', valueDescription),
      str('display', 'A human-readable name, for display only.'),
      str('type', 'A label for the value, e.g. "work" or "home".'),
      bool('primary', 'Whether this is the primary value.'),
      ...extra,
    ],
  };
}

const USER_ATTRIBUTES: AttributeDef[] = [
  str('userName', 'Unique identifier for the User, compared case-insensitively within the directory.', {
    required: true,
    uniqueness: 'server',
  }),
  {
    name: 'name',
    type: 'complex',
    description: 'The components of the user’s real name.',
    subAttributes: [
      str('formatted', 'The full name.'),
      str('familyName', 'The family name.'),
      str('givenName', 'The given name.'),
      str('middleName', 'The middle name(s).'),
      str('honorificPrefix', 'The honorific prefix.'),
      str('honorificSuffix', 'The honorific suffix.'),
    ],
  },
  str('displayName', 'The name of the User, suitable for display.'),
  str('nickName', 'The casual way to address the user.'),
  { ...str('profileUrl', 'A URI of the user’s online profile.'), type: 'reference' },
  str('title', 'The user’s title, such as "Vice President".'),
  str('userType', 'The relationship between the organization and the user.'),
  str('preferredLanguage', 'The user’s preferred written or spoken language.'),
  str('locale', 'The user’s default location.'),
  str('timezone', 'The user’s time zone, in IANA format.'),
  bool('active', 'Whether the user may sign in: false deprovisions them in Orgdesk.'),
  str('password', 'Accepted and dropped: Orgdesk never stores or returns passwords.', { mutability: 'writeOnly', returned: 'never' }),
  multi('emails', 'Email addresses for the user.', 'The email address.'),
  multi('phoneNumbers', 'Phone numbers for the user.', 'The phone number.'),
  multi('ims', 'Instant messaging addresses for the user.', 'The address.'),
  multi('photos', 'URLs of photos of the user.', 'The URL.'),
  {
    name: 'addresses',
    type: 'complex',
    multiValued: true,
    description: 'Physical mailing addresses for the user.',
    subAttributes: [
      str('formatted', 'The full mailing address.'),
      str('streetAddress', 'The street address.'),
      str('locality', 'The city or locality.'),
      str('region', 'The state or region.'),
      str('postalCode', 'The zip or postal code.'),
      str('country', 'The country.'),
      str('type', 'A label, e.g. "work" or "home".'),
      bool('primary', 'Whether this is the primary address.'),
    ],
  },
  multi('entitlements', 'Entitlements of the user.', 'The entitlement.'),
  multi('roles', 'Roles of the user in the identity provider (Orgdesk’s roles come from group mappings).', 'The role.'),
  multi('x509Certificates', 'Certificates of the user.', 'The certificate.'),
];

const ENTERPRISE_ATTRIBUTES: AttributeDef[] = [
  str('employeeNumber', 'A numeric or alphanumeric identifier assigned to a person.'),
  str('costCenter', 'The name of a cost center.'),
  str('organization', 'The name of an organization.'),
  str('division', 'The name of a division.'),
  str('department', 'The name of a department.'),
  {
    name: 'manager',
    type: 'complex',
    description: 'The user’s manager.',
    subAttributes: [
      str('value', 'The id of the manager.'),
      { ...str('$ref', 'The URI of the manager.'), type: 'reference' },
      str('displayName', 'The manager’s name.', { mutability: 'readOnly' }),
    ],
  },
];

const GROUP_ATTRIBUTES: AttributeDef[] = [
  str('displayName', 'A human-readable name for the Group, unique within the directory.', { required: true, uniqueness: 'server' }),
  {
    name: 'members',
    type: 'complex',
    multiValued: true,
    description: 'The members of the Group: Users of the same directory.',
    subAttributes: [
      str('value', 'The id of the member.', { caseExact: true }),
      { ...str('$ref', 'The URI of the member.'), type: 'reference' },
      str('display', 'The member’s name, for display only.', { aliases: ['displayName'] }),
      str('type', 'The type of member: "User".'),
    ],
  },
];

export const SCHEMAS: Record<string, SchemaDef> = {
  [USER_SCHEMA]: { id: USER_SCHEMA, name: 'User', description: 'User Account', attributes: USER_ATTRIBUTES },
  [ENTERPRISE_USER_SCHEMA]: {
    id: ENTERPRISE_USER_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: ENTERPRISE_ATTRIBUTES,
  },
  [GROUP_SCHEMA]: { id: GROUP_SCHEMA, name: 'Group', description: 'Group', attributes: GROUP_ATTRIBUTES },
};

/** The attributes every resource has, beside its schema's. */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  str('id', 'The service provider’s identifier for the resource.', { caseExact: true, mutability: 'readOnly', returned: 'always' }),
  str('externalId', 'The identity provider’s identifier for the resource.', { caseExact: true }),
  {
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    description: 'Resource metadata.',
    subAttributes: [
      str('resourceType', 'The resource type.', { caseExact: true }),
      { name: 'created', type: 'dateTime', description: 'When the resource was created.' },
      { name: 'lastModified', type: 'dateTime', description: 'When the resource last changed.' },
      { ...str('location', 'The resource’s URI.'), type: 'reference' },
      str('version', 'The resource’s version (ETag).', { caseExact: true }),
    ],
  },
];

/** A resource type: its core schema and its extensions. */
export interface ResourceTypeDef {
  name: 'User' | 'Group';
  endpoint: '/Users' | '/Groups';
  schema: string;
  extensions: string[];
  /** Schema URNs a request may list beside these, which are otherwise ignored. */
  tolerated: string[];
}

export const USER_TYPE: ResourceTypeDef = {
  name: 'User',
  endpoint: '/Users',
  schema: USER_SCHEMA,
  extensions: [ENTERPRISE_USER_SCHEMA],
  tolerated: [],
};
export const GROUP_TYPE: ResourceTypeDef = {
  name: 'Group',
  endpoint: '/Groups',
  schema: GROUP_SCHEMA,
  extensions: [],
  tolerated: [ENTRA_GROUP_SCHEMA],
};

/** An attribute found by name: case-insensitive, as RFC 7643 requires. */
export function findAttribute(attributes: readonly AttributeDef[], name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower || a.aliases?.some((alias) => alias.toLowerCase() === lower));
}

/** The schema URN a name refers to, in its canonical case; undefined when unknown. */
export function schemaUrn(type: ResourceTypeDef, name: string): string | undefined {
  const lower = name.toLowerCase();
  return [type.schema, ...type.extensions].find((urn) => urn.toLowerCase() === lower);
}

/** A top-level attribute of a resource type (its own or a common one). */
export function coreAttribute(type: ResourceTypeDef, name: string): AttributeDef | undefined {
  return findAttribute(SCHEMAS[type.schema]!.attributes, name) ?? findAttribute(COMMON_ATTRIBUTES, name);
}
