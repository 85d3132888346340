import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { changeMemberRole, removeMember, setMemberSuspended } from './mutations';
import { changeMemberRoleSchema, memberRefSchema } from './schemas';

/** Member commands: declared once, called by server actions today and the API later. */
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
