import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { addMember, changeMemberRole, removeMember, setMemberSuspended } from './mutations';
import { addMemberSchema, changeMemberRoleSchema, memberRefSchema } from './schemas';

/** Member commands: declared once, called by server actions and the REST API. */
export const addMemberCommand = defineCommand({
  name: 'members.add',
  schema: addMemberSchema,
  permission: 'members.manage',
  handler: async (context, input) => addMember(await db(), context, input),
});

export const changeMemberRoleCommand = defineCommand({
  name: 'members.change_role',
  schema: changeMemberRoleSchema,
  permission: 'members.manage',
  handler: async (context, input) => changeMemberRole(await db(), context, input),
});

export const suspendMemberCommand = defineCommand({
  name: 'members.suspend',
  schema: memberRefSchema,
  permission: 'members.manage',
  handler: async (context, input) => setMemberSuspended(await db(), context, input, true),
});

export const reactivateMemberCommand = defineCommand({
  name: 'members.reactivate',
  schema: memberRefSchema,
  permission: 'members.manage',
  handler: async (context, input) => setMemberSuspended(await db(), context, input, false),
});

export const removeMemberCommand = defineCommand({
  name: 'members.remove',
  schema: memberRefSchema,
  permission: 'members.manage',
  handler: async (context, input) => removeMember(await db(), context, input),
});
