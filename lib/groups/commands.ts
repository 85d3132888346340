import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { createGroup, deleteGroup, setGroupMember, updateGroup } from './mutations';
import { createGroupSchema, groupMemberSchema, groupRefSchema, updateGroupSchema } from './schemas';

/** Group commands: scoped to the organization in their input, and the roles they give checked. */
export const createGroupCommand = defineCommand({
  name: 'groups.create',
  schema: createGroupSchema,
  permission: 'groups.manage',
  handler: async (context, input) => createGroup(await db(), context, input),
});

export const updateGroupCommand = defineCommand({
  name: 'groups.update',
  schema: updateGroupSchema,
  permission: 'groups.manage',
  handler: async (context, input) => updateGroup(await db(), context, input),
});

export const deleteGroupCommand = defineCommand({
  name: 'groups.delete',
  schema: groupRefSchema,
  permission: 'groups.manage',
  handler: async (context, input) => deleteGroup(await db(), context, input),
});

export const addGroupMemberCommand = defineCommand({
  name: 'groups.add_member',
  schema: groupMemberSchema,
  permission: 'groups.manage',
  handler: async (context, input) => setGroupMember(await db(), context, input, true),
});

export const removeGroupMemberCommand = defineCommand({
  name: 'groups.remove_member',
  schema: groupMemberSchema,
  permission: 'groups.manage',
  handler: async (context, input) => setGroupMember(await db(), context, input, false),
});
