import { z } from 'zod';
import type { Command } from '@/lib/commands/define';
import type { Permission } from '@/lib/commands/permissions';
import type { Db } from '@/lib/db/client';
import { addDomainCommand, verifyDomainCommand } from '@/lib/domains/commands';
import {
  resendInvitationCommand,
  reviewInvitationsCommand,
  revokeInvitationCommand,
  sendInvitationsCommand,
} from '@/lib/invitations/commands';
import {
  addMemberCommand,
  changeMemberRoleCommand,
  reactivateMemberCommand,
  removeMemberCommand,
  suspendMemberCommand,
} from '@/lib/members/commands';
import {
  createOrganizationCommand,
  deleteOrganizationCommand,
  reactivateOrganizationCommand,
  reportActivityCommand,
  suspendOrganizationCommand,
  updateOrganizationCommand,
} from '@/lib/organizations/commands';
import { ok, type Result } from '@/lib/result';
import type { ApiCall } from './http';
import {
  readAuditLog,
  readDomain,
  readDomains,
  readInvitation,
  readInvitations,
  readMember,
  readMemberAccess,
  readMembers,
  readOrganization,
  readOrganizations,
  readPermissions,
  readRoles,
} from './reads';
import {
  activityResource,
  auditEventResource,
  domainResource,
  invitationResource,
  invitationReviewRowResource,
  memberAccessResource,
  memberResource,
  organizationResource,
  permissionResource,
  roleResource,
} from './resources';

/**
 * Every `/api/v1` endpoint, declared once: its method and path, what the OpenAPI document says
 * about it, the scope it needs, and what it runs. Route files only bind a method and path to this
 * table (`apiHandler` in lib/api/route.ts), and the document is generated from it
 * (lib/api/openapi.ts), so the two can't drift; a test checks both against the route files.
 *
 * A write runs a command (the console's own): the command checks the scope, the organization's
 * reach and the input with its zod schema, and audits as the key. A read checks the scope here.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Tag = 'Organizations' | 'Members' | 'Invitations' | 'Domains' | 'Roles and permissions' | 'Audit log';

/** Path parameters, by the route folder's name, and the command input field each fills. */
export const PATH_PARAMETERS = {
  id: { field: 'organizationId', description: 'The organization’s id.' },
  membershipId: { field: 'membershipId', description: 'The membership’s id (a member’s `id`).' },
  invitationId: { field: 'invitationId', description: 'The invitation’s id.' },
  domainId: { field: 'domainId', description: 'The domain’s id.' },
} as const;
export type PathParameter = keyof typeof PATH_PARAMETERS;
export type Params = Partial<Record<PathParameter, string>>;

export interface QueryParameter {
  name: string;
  description: string;
  schema: z.ZodType;
}

/** What a successful call answers: one resource as `{ data }`, a page as `{ data: [], nextCursor }`, or nothing (204). */
export type Answer = { kind: 'one'; schema: z.ZodType } | { kind: 'page'; schema: z.ZodType } | { kind: 'none' };

interface EndpointBase {
  method: Method;
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  query?: QueryParameter[];
  answer: Answer;
}

export interface ReadEndpoint extends EndpointBase {
  scope: Permission;
  /** A resource, a page, or null (not found); or a failure. */
  read: (client: Db, call: ApiCall, params: Params) => Promise<Result<unknown> | object | null>;
}

export interface CommandEndpoint extends EndpointBase {
  // biome-ignore lint/suspicious/noExplicitAny: the table holds commands of every input and output type.
  command: Command<any, any>;
  /** Body fields the endpoint fills itself (not documented as the body's). */
  filled?: readonly string[];
  /** The command's input: the body with the path's ids (and anything the endpoint fills). */
  input?: (call: ApiCall, params: Params, client: Db) => Promise<Record<string, unknown>>;
  /** What a success answers, from the command's result; null for 204. */
  // biome-ignore lint/suspicious/noExplicitAny: each command's result type.
  respond?: (client: Db, call: ApiCall, params: Params, data: any) => Promise<unknown>;
  created?: boolean;
}

export type Endpoint = ReadEndpoint | CommandEndpoint;

export function isCommandEndpoint(endpoint: Endpoint): endpoint is CommandEndpoint {
  return 'command' in endpoint;
}

/** The scope an endpoint needs: a read's own, or its command's permission. */
export function scopeOf(endpoint: Endpoint): Permission {
  return isCommandEndpoint(endpoint) ? endpoint.command.definition.permission : endpoint.scope;
}

const cursorParameters: QueryParameter[] = [
  { name: 'cursor', description: 'The previous page’s `nextCursor`.', schema: z.string() },
  { name: 'limit', description: 'Rows per page, 1 to 100.', schema: z.int().min(1).max(100).default(50) },
];

const one = (schema: z.ZodType): Answer => ({ kind: 'one', schema });
const page = (schema: z.ZodType): Answer => ({ kind: 'page', schema });
const org = (p: Params) => p.id!;

const organizationAfter = async (client: Db, _call: ApiCall, params: Params) => readOrganization(client, org(params));
const memberAfter = async (client: Db, _call: ApiCall, params: Params) => readMember(client, org(params), params.membershipId!);
const invitationAfter = async (client: Db, call: ApiCall, params: Params) =>
  readInvitation(client, org(params), params.invitationId!, call.now);

export const ENDPOINTS: readonly Endpoint[] = [
  // Organizations
  {
    method: 'GET',
    path: '/organizations',
    operationId: 'listOrganizations',
    tag: 'Organizations',
    summary: 'List organizations',
    description: 'Newest first. A key restricted to one organization lists only that one.',
    scope: 'organizations.read',
    query: [
      {
        name: 'filter',
        description: 'A state chip: needs-action (Setup and Needs attention), waiting (Pending), ready, live (Active), or all.',
        schema: z.enum(['needs-action', 'waiting', 'ready', 'live', 'all']).default('all'),
      },
      { name: 'q', description: 'Search by name or slug.', schema: z.string().max(100) },
      { name: 'cursor', description: 'The previous page’s `nextCursor`.', schema: z.string() },
    ],
    answer: page(organizationResource),
    read: (client, call) => readOrganizations(client, call),
  },
  {
    method: 'POST',
    path: '/organizations',
    operationId: 'createOrganization',
    tag: 'Organizations',
    summary: 'Create an organization',
    command: createOrganizationCommand,
    created: true,
    answer: one(organizationResource),
    respond: (client, _call, _params, data: { id: string }) => readOrganization(client, data.id),
  },
  {
    method: 'GET',
    path: '/organizations/{id}',
    operationId: 'getOrganization',
    tag: 'Organizations',
    summary: 'Get an organization',
    description: 'With its state (Setup, Pending, Ready, Active, Needs attention) and the reasons for it.',
    scope: 'organizations.read',
    answer: one(organizationResource),
    read: (client, _call, params) => readOrganization(client, org(params)),
  },
  {
    method: 'PATCH',
    path: '/organizations/{id}',
    operationId: 'updateOrganization',
    tag: 'Organizations',
    summary: 'Rename an organization or change its slug',
    description: 'Both in one transaction. The old slug keeps redirecting in the console.',
    command: updateOrganizationCommand,
    answer: one(organizationResource),
    respond: organizationAfter,
  },
  {
    method: 'DELETE',
    path: '/organizations/{id}',
    operationId: 'deleteOrganization',
    tag: 'Organizations',
    summary: 'Delete an organization',
    description: 'With its members, invitations, domains, connections and directory. This can’t be undone.',
    command: deleteOrganizationCommand,
    filled: ['confirmSlug'],
    // The request itself is the confirmation the console asks a person to type.
    input: async (_call, params, client) => {
      const row = await client.organization.findUnique({ where: { id: org(params) }, select: { slug: true } });
      return { organizationId: org(params), confirmSlug: row?.slug ?? '-' };
    },
    answer: { kind: 'none' },
  },
  {
    method: 'POST',
    path: '/organizations/{id}/suspend',
    operationId: 'suspendOrganization',
    tag: 'Organizations',
    summary: 'Suspend an organization',
    description: 'Its members can’t sign in or get tokens until it is reactivated.',
    command: suspendOrganizationCommand,
    answer: one(organizationResource),
    respond: organizationAfter,
  },
  {
    method: 'POST',
    path: '/organizations/{id}/reactivate',
    operationId: 'reactivateOrganization',
    tag: 'Organizations',
    summary: 'Reactivate a suspended organization',
    command: reactivateOrganizationCommand,
    answer: one(organizationResource),
    respond: organizationAfter,
  },
  {
    method: 'POST',
    path: '/organizations/{id}/activity',
    operationId: 'reportActivity',
    tag: 'Organizations',
    summary: 'Report end-user activity',
    description: 'Activity the app saw and Orgdesk can’t (a sign-in to the app, a request). It is what makes an organization Active.',
    command: reportActivityCommand,
    created: true,
    answer: one(activityResource),
    respond: async (_client, _call, _params, data: { recordedAt: Date; state: string }) => ({
      recordedAt: data.recordedAt.toISOString(),
      state: data.state,
    }),
  },

  // Members
  {
    method: 'GET',
    path: '/organizations/{id}/members',
    operationId: 'listMembers',
    tag: 'Members',
    summary: 'List members',
    scope: 'members.read',
    query: [
      { name: 'status', description: 'active or suspended.', schema: z.enum(['active', 'suspended']) },
      { name: 'role', description: 'A role key.', schema: z.string() },
      { name: 'email', description: 'One address.', schema: z.string() },
      ...cursorParameters,
    ],
    answer: page(memberResource),
    read: (client, call, params) => readMembers(client, call, org(params)),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/members',
    operationId: 'addMember',
    tag: 'Members',
    summary: 'Add a member',
    description: 'Someone the app already knows, with a role and no invitation email. To invite by email, create an invitation.',
    command: addMemberCommand,
    created: true,
    answer: one(memberResource),
    respond: (client, _call, params, data: { membershipId: string }) => readMember(client, org(params), data.membershipId),
  },
  {
    method: 'GET',
    path: '/organizations/{id}/members/{membershipId}',
    operationId: 'getMember',
    tag: 'Members',
    summary: 'Get a member',
    scope: 'members.read',
    answer: one(memberResource),
    read: (client, _call, params) => readMember(client, org(params), params.membershipId!),
  },
  {
    method: 'PATCH',
    path: '/organizations/{id}/members/{membershipId}',
    operationId: 'changeMemberRole',
    tag: 'Members',
    summary: 'Change a member’s role',
    description: 'The organization keeps at least one active owner. A key can’t give a role holding permissions it lacks.',
    command: changeMemberRoleCommand,
    answer: one(memberResource),
    respond: memberAfter,
  },
  {
    method: 'DELETE',
    path: '/organizations/{id}/members/{membershipId}',
    operationId: 'removeMember',
    tag: 'Members',
    summary: 'Remove a member',
    command: removeMemberCommand,
    answer: { kind: 'none' },
  },
  {
    method: 'POST',
    path: '/organizations/{id}/members/{membershipId}/suspend',
    operationId: 'suspendMember',
    tag: 'Members',
    summary: 'Suspend a member',
    description: 'They hold no permissions, can’t get tokens, and their refresh tokens stop working.',
    command: suspendMemberCommand,
    answer: one(memberResource),
    respond: memberAfter,
  },
  {
    method: 'POST',
    path: '/organizations/{id}/members/{membershipId}/reactivate',
    operationId: 'reactivateMember',
    tag: 'Members',
    summary: 'Reactivate a suspended member',
    command: reactivateMemberCommand,
    answer: one(memberResource),
    respond: memberAfter,
  },
  {
    method: 'GET',
    path: '/organizations/{id}/permissions',
    operationId: 'getMemberPermissions',
    tag: 'Members',
    summary: 'A person’s effective permissions',
    description:
      'The cheap check to make on every request: the role and the permissions it and the member’s groups give, including the app’s own keys. One statement. Not a member: 404.',
    scope: 'members.read',
    query: [
      { name: 'userId', description: 'The person’s id: the ID token’s `sub`.', schema: z.uuid() },
      { name: 'email', description: 'Or their address.', schema: z.string() },
    ],
    answer: one(memberAccessResource),
    read: (client, call, params) => readMemberAccess(client, call, org(params)),
  },

  // Invitations
  {
    method: 'GET',
    path: '/organizations/{id}/invitations',
    operationId: 'listInvitations',
    tag: 'Invitations',
    summary: 'List invitations',
    scope: 'members.read',
    query: [
      {
        name: 'status',
        description: 'pending, accepted, revoked or expired.',
        schema: z.enum(['all', 'pending', 'accepted', 'revoked', 'expired']).default('all'),
      },
      ...cursorParameters,
    ],
    answer: page(invitationResource),
    read: (client, call, params) => readInvitations(client, call, org(params)),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/invitations/review',
    operationId: 'reviewInvitations',
    tag: 'Invitations',
    summary: 'Review addresses before inviting',
    description:
      'The console’s review, without sending: each address is ready, invalid, a duplicate, already a member or already invited, with warnings for addresses outside the verified domains or at consumer mail domains.',
    command: reviewInvitationsCommand,
    answer: one(z.object({ rows: z.array(invitationReviewRowResource) })),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/invitations',
    operationId: 'createInvitations',
    tag: 'Invitations',
    summary: 'Invite people by email',
    description:
      'Reviews the addresses as the console does and sends to the ready ones; warned addresses are sent only when listed in `confirm`. Answers what was sent and the review of every address.',
    command: sendInvitationsCommand,
    created: true,
    answer: one(z.object({ sent: z.array(z.string()), rows: z.array(invitationReviewRowResource) })),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/invitations/{invitationId}/resend',
    operationId: 'resendInvitation',
    tag: 'Invitations',
    summary: 'Resend an invitation',
    description: 'With a new link; the old one stops working.',
    command: resendInvitationCommand,
    answer: one(invitationResource),
    respond: invitationAfter,
  },
  {
    method: 'POST',
    path: '/organizations/{id}/invitations/{invitationId}/revoke',
    operationId: 'revokeInvitation',
    tag: 'Invitations',
    summary: 'Revoke an invitation',
    command: revokeInvitationCommand,
    answer: one(invitationResource),
    respond: invitationAfter,
  },

  // Domains
  {
    method: 'GET',
    path: '/organizations/{id}/domains',
    operationId: 'listDomains',
    tag: 'Domains',
    summary: 'List domains',
    scope: 'organizations.read',
    query: cursorParameters,
    answer: page(domainResource),
    read: (client, call, params) => readDomains(client, call, org(params)),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/domains',
    operationId: 'addDomain',
    tag: 'Domains',
    summary: 'Add a domain',
    description: 'Answers the TXT record to publish. Orgdesk checks for it on a schedule, or now with verify.',
    command: addDomainCommand,
    created: true,
    answer: one(domainResource),
    respond: (client, _call, params, data: { id: string }) => readDomain(client, org(params), data.id),
  },
  {
    method: 'POST',
    path: '/organizations/{id}/domains/{domainId}/verify',
    operationId: 'verifyDomain',
    tag: 'Domains',
    summary: 'Check a domain’s DNS record now',
    command: verifyDomainCommand,
    answer: one(domainResource),
    respond: (client, _call, params) => readDomain(client, org(params), params.domainId!),
  },

  // Roles and permissions
  {
    method: 'GET',
    path: '/organizations/{id}/roles',
    operationId: 'listRoles',
    tag: 'Roles and permissions',
    summary: 'The roles an organization can use',
    description: 'The default roles and custom ones (for every organization or this one), each with its permissions, by key.',
    scope: 'organizations.read',
    query: cursorParameters,
    answer: page(roleResource),
    read: (client, call, params) => readRoles(client, call, org(params)),
  },
  {
    method: 'GET',
    path: '/permissions',
    operationId: 'listPermissions',
    tag: 'Roles and permissions',
    summary: 'The permission catalog',
    description: 'Orgdesk’s own permissions and the app’s own keys, by key.',
    scope: 'organizations.read',
    query: cursorParameters,
    answer: page(permissionResource),
    read: (client, call) => readPermissions(client, call),
  },

  // Audit log
  {
    method: 'GET',
    path: '/audit-events',
    operationId: 'listAuditEvents',
    tag: 'Audit log',
    summary: 'Read the audit log',
    description: 'Newest first. A key restricted to one organization reads only that organization’s events.',
    scope: 'audit.read',
    query: [
      { name: 'organizationId', description: 'One organization’s events.', schema: z.uuid() },
      { name: 'action', description: 'One action, like member.joined.', schema: z.string() },
      {
        name: 'actor',
        description: 'An actor’s email, or a kind: console_user, member, api_key, directory, setup_link, system.',
        schema: z.string(),
      },
      ...cursorParameters,
    ],
    answer: page(auditEventResource),
    read: (client, call) => readAuditLog(client, call),
  },
];

/** The path's parameters, in order: `/organizations/{id}/members/{membershipId}` → id, membershipId. */
export function pathParameters(path: string): PathParameter[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as PathParameter);
}

/** A command endpoint's input: the body, then the path's ids (which the body can't override), then what it fills. */
export async function commandInput(endpoint: CommandEndpoint, call: ApiCall, params: Params, client: Db) {
  if (endpoint.input) return { ...call.body, ...(await endpoint.input(call, params, client)) };
  const fromPath = Object.fromEntries(pathParameters(endpoint.path).map((name) => [PATH_PARAMETERS[name].field, params[name]]));
  return { ...call.body, ...fromPath };
}

/** What a read answers, as a result: a page or resource as-is, null as "not found". */
export function readResult(value: Result<unknown> | object | null): Result<unknown> | null {
  if (value === null) return null;
  if ('ok' in value && typeof value.ok === 'boolean') return value as Result<unknown>;
  return ok(value);
}
