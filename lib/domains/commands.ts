import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { addDomain, disableAutoJoin, enableAutoJoin, removeDomain, setIncludeSubdomains, verifyDomainNow } from './mutations';
import { addDomainSchema, domainRefSchema, enableAutoJoinSchema, includeSubdomainsSchema, organizationOnlySchema } from './schemas';

/** Domain and auto-join commands: declared once, called by server actions today and the API later. */
export const addDomainCommand = defineCommand({
  name: 'domains.add',
  schema: addDomainSchema,
  permission: 'domains.manage',
  handler: async (context, input) => addDomain(await db(), context, input),
});

export const verifyDomainCommand = defineCommand({
  name: 'domains.verify',
  schema: domainRefSchema,
  permission: 'domains.manage',
  handler: async (context, input) => verifyDomainNow(await db(), context, input),
});

export const removeDomainCommand = defineCommand({
  name: 'domains.remove',
  schema: domainRefSchema,
  permission: 'domains.manage',
  handler: async (context, input) => removeDomain(await db(), context, input),
});

export const includeSubdomainsCommand = defineCommand({
  name: 'domains.include_subdomains',
  schema: includeSubdomainsSchema,
  permission: 'domains.manage',
  handler: async (context, input) => setIncludeSubdomains(await db(), context, input),
});

export const enableAutoJoinCommand = defineCommand({
  name: 'auto_join.enable',
  schema: enableAutoJoinSchema,
  permission: 'auto_join.manage',
  handler: async (context, input) => enableAutoJoin(await db(), context, input),
});

export const disableAutoJoinCommand = defineCommand({
  name: 'auto_join.disable',
  schema: organizationOnlySchema,
  permission: 'auto_join.manage',
  handler: async (context, input) => disableAutoJoin(await db(), context, input.organizationId),
});
