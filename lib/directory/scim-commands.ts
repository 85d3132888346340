import { z } from 'zod';
import { type CommandContext, defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { organizationIdSchema } from '@/lib/organizations/schemas';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { type ScimError, ScimFailure } from './scim/errors';
import { parsePatchRequest } from './scim/patch';
import {
  createDirectoryGroup,
  createDirectoryUser,
  deleteDirectoryGroup,
  deleteDirectoryUser,
  patchDirectoryGroup,
  patchDirectoryUser,
  replaceDirectoryGroup,
  replaceDirectoryUser,
} from './sync';

/**
 * The SCIM writes as commands: the SCIM route is an adapter that authenticates the directory's
 * token into a directory principal, and maps a failure back to a SCIM error. Only the directory's
 * own principal may write to it: another directory's is "not found".
 */
const target = z.object({ organizationId: organizationIdSchema, directoryId: z.uuid() });
const withBody = target.extend({ body: z.unknown() });
const withId = target.extend({ id: z.string().min(1).max(200) });
const withIdAndBody = withId.extend({ body: z.unknown() });

/** A SCIM failure as the command layer's typed failure (the scimType rides in the hint). */
export function scimFailureResult(error: ScimError) {
  const code =
    error.status === 404 ? 'not_found' : error.status === 409 ? 'scim_conflict' : error.status === 413 ? 'scim_too_large' : 'scim_invalid';
  return fail(code, error.detail, error.scimType ? { hint: { scimType: error.scimType } } : {});
}

async function scim<T>(context: CommandContext, input: { directoryId: string }, work: () => Promise<T>): Promise<Result<T>> {
  const { principal } = context;
  if (principal.kind === 'directory' && principal.directoryId !== input.directoryId) return notFound();
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ScimFailure) return scimFailureResult(error.error);
    throw error;
  }
}

export const scimCreateUserCommand = defineCommand({
  name: 'directory.users.create',
  schema: withBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () => createDirectoryUser(await db(), context, input.directoryId, input.organizationId, input.body)),
});

export const scimReplaceUserCommand = defineCommand({
  name: 'directory.users.replace',
  schema: withIdAndBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () =>
      replaceDirectoryUser(await db(), context, input.directoryId, input.organizationId, input.id, input.body),
    ),
});

export const scimPatchUserCommand = defineCommand({
  name: 'directory.users.patch',
  schema: withIdAndBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () =>
      patchDirectoryUser(await db(), context, input.directoryId, input.organizationId, input.id, parsePatchRequest(input.body)),
    ),
});

export const scimDeleteUserCommand = defineCommand({
  name: 'directory.users.delete',
  schema: withId,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () => deleteDirectoryUser(await db(), context, input.directoryId, input.organizationId, input.id)),
});

export const scimCreateGroupCommand = defineCommand({
  name: 'directory.groups.create',
  schema: withBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () => createDirectoryGroup(await db(), context, input.directoryId, input.organizationId, input.body)),
});

export const scimReplaceGroupCommand = defineCommand({
  name: 'directory.groups.replace',
  schema: withIdAndBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () =>
      replaceDirectoryGroup(await db(), context, input.directoryId, input.organizationId, input.id, input.body),
    ),
});

export const scimPatchGroupCommand = defineCommand({
  name: 'directory.groups.patch',
  schema: withIdAndBody,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () =>
      patchDirectoryGroup(await db(), context, input.directoryId, input.organizationId, input.id, parsePatchRequest(input.body)),
    ),
});

export const scimDeleteGroupCommand = defineCommand({
  name: 'directory.groups.delete',
  schema: withId,
  permission: 'directory.sync',
  handler: (context, input) =>
    scim(context, input, async () => deleteDirectoryGroup(await db(), context, input.directoryId, input.organizationId, input.id)),
});
