import { handleScim } from '@/app/api/scim/v2/handler';
import { createDirectoryCommand, updateDirectoryCommand } from '@/lib/directory/commands';
import { builder, createTestOrganization } from '../factories';

/**
 * A SCIM client for the integration suites: requests go through the real route adapter
 * (app/api/scim/v2/handler.ts), with the directory's real bearer token, against the test database.
 */
export interface ScimClient {
  organizationId: string;
  directoryId: string;
  token: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export function scimClient(organizationId: string, directoryId: string, token: string): ScimClient {
  return {
    organizationId,
    directoryId,
    token,
    async request(method, path, body, headers = {}) {
      const url = `http://localhost/api/scim/v2/${directoryId}${path}`;
      const request = new Request(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const [first, ...rest] = path.replace(/^\//, '').split('?')[0]!.split('/');
      const response = await handleScim(request, directoryId, [first!, ...rest].filter(Boolean).map(decodeURIComponent));
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
  };
}

/** A new organization with a directory of `provider`, and a client holding its token. */
export async function directoryWithClient(provider = 'generic', settings: { suspendOnDeprovision?: boolean } = {}) {
  const org = await createTestOrganization();
  const created = await createDirectoryCommand(builder, { organizationId: org.id, name: 'Test directory', provider });
  if (!created.ok) throw new Error(created.message);
  if (settings.suspendOnDeprovision === false) {
    const updated = await updateDirectoryCommand(builder, {
      organizationId: org.id,
      directoryId: created.data.directoryId,
      name: 'Test directory',
      provider,
      suspendOnDeprovision: 'off',
      staleAfterHours: '72',
    });
    if (!updated.ok) throw new Error(updated.message);
  }
  return { org, client: scimClient(org.id, created.data.directoryId, created.data.token) };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function scimUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Test', familyName: 'Person' },
    emails: [{ primary: true, type: 'work', value: userName }],
    active: true,
    ...extra,
  };
}

export const patchOps = (...operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations: operations });
