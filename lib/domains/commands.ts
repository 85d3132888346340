import { builderCommand } from '@/lib/actions/run';
import { db } from '@/lib/db/client';
import { addDomain, disableAutoJoin, enableAutoJoin, removeDomain, setIncludeSubdomains, verifyDomainNow } from './mutations';
import { addDomainSchema, domainRefSchema, enableAutoJoinSchema, includeSubdomainsSchema, organizationOnlySchema } from './schemas';

/** Builder commands for domains and auto-join: the logic behind each server action. */
export const addDomainCommand = builderCommand(addDomainSchema, async (input) => addDomain(await db(), input, new Date()));

export const verifyDomainCommand = builderCommand(domainRefSchema, async (input) => verifyDomainNow(await db(), input, new Date()));

export const removeDomainCommand = builderCommand(domainRefSchema, async (input) => removeDomain(await db(), input, new Date()));

export const includeSubdomainsCommand = builderCommand(includeSubdomainsSchema, async (input) => setIncludeSubdomains(await db(), input));

export const enableAutoJoinCommand = builderCommand(enableAutoJoinSchema, async (input, actor) =>
  enableAutoJoin(await db(), actor, input, new Date()),
);

export const disableAutoJoinCommand = builderCommand(organizationOnlySchema, async (input) =>
  disableAutoJoin(await db(), input.organizationId, new Date()),
);
