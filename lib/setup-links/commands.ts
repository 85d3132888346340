import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { createSetupLink, revokeSetupLink } from './mutations';
import { createSetupLinkSchema, setupLinkRefSchema } from './schemas';

/** A setup link for one organization's IT admin: shown once, and emailed when an address is given. */
export const createSetupLinkCommand = defineCommand({
  name: 'setup_links.create',
  schema: createSetupLinkSchema,
  permission: 'setup_links.manage',
  handler: async (context, input) => createSetupLink(await db(), context, input),
});

export const revokeSetupLinkCommand = defineCommand({
  name: 'setup_links.revoke',
  schema: setupLinkRefSchema,
  permission: 'setup_links.manage',
  handler: async (context, input) => revokeSetupLink(await db(), context, input),
});
