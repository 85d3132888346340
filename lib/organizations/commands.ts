import { builderCommand } from '@/lib/actions/run';
import { db } from '@/lib/db/client';
import {
  changeOrganizationSlug,
  createOrganization,
  deleteOrganization,
  renameOrganization,
  setOrganizationSuspended,
} from './mutations';
import {
  changeSlugSchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  organizationRefSchema,
  renameOrganizationSchema,
} from './schemas';

/** Builder commands for organizations: the logic behind each server action. */
export const createOrganizationCommand = builderCommand(createOrganizationSchema, async (input) =>
  createOrganization(await db(), input, new Date()),
);

export const renameOrganizationCommand = builderCommand(renameOrganizationSchema, async (input) =>
  renameOrganization(await db(), input),
);

export const changeOrganizationSlugCommand = builderCommand(changeSlugSchema, async (input) =>
  changeOrganizationSlug(await db(), input),
);

export const suspendOrganizationCommand = builderCommand(organizationRefSchema, async (input) =>
  setOrganizationSuspended(await db(), input.organizationId, true, new Date()),
);

export const reactivateOrganizationCommand = builderCommand(organizationRefSchema, async (input) =>
  setOrganizationSuspended(await db(), input.organizationId, false, new Date()),
);

export const deleteOrganizationCommand = builderCommand(deleteOrganizationSchema, async (input) =>
  deleteOrganization(await db(), input),
);
