import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { checkNow, markLaunched } from './launch-status';
import { createOrganization, deleteOrganization, setOrganizationSuspended, updateOrganization } from './mutations';
import { reportActivity, reportActivitySchema } from './report-activity';
import {
  changeSlugSchema,
  checkNowSchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  markLaunchedSchema,
  organizationRefSchema,
  renameOrganizationSchema,
  updateOrganizationSchema,
} from './schemas';

/** Organization commands: declared once, called by server actions and the REST API. */
export const createOrganizationCommand = defineCommand({
  name: 'organizations.create',
  schema: createOrganizationSchema,
  permission: 'organizations.create',
  handler: async (context, input) => createOrganization(await db(), context, input),
});

export const renameOrganizationCommand = defineCommand({
  name: 'organizations.rename',
  schema: renameOrganizationSchema,
  permission: 'organizations.manage',
  handler: async (context, input) => updateOrganization(await db(), context, input),
});

export const changeOrganizationSlugCommand = defineCommand({
  name: 'organizations.change_slug',
  schema: changeSlugSchema,
  permission: 'organizations.manage',
  handler: async (context, input) => updateOrganization(await db(), context, input),
});

/** The REST API's PATCH: name and slug in one transaction. */
export const updateOrganizationCommand = defineCommand({
  name: 'organizations.update',
  schema: updateOrganizationSchema,
  permission: 'organizations.manage',
  handler: async (context, input) => updateOrganization(await db(), context, input),
});

export const suspendOrganizationCommand = defineCommand({
  name: 'organizations.suspend',
  schema: organizationRefSchema,
  permission: 'organizations.suspend',
  handler: async (context, input) => setOrganizationSuspended(await db(), context, input.organizationId, true),
});

export const reactivateOrganizationCommand = defineCommand({
  name: 'organizations.reactivate',
  schema: organizationRefSchema,
  permission: 'organizations.suspend',
  handler: async (context, input) => setOrganizationSuspended(await db(), context, input.organizationId, false),
});

export const deleteOrganizationCommand = defineCommand({
  name: 'organizations.delete',
  schema: deleteOrganizationSchema,
  permission: 'organizations.delete',
  handler: async (context, input) => deleteOrganization(await db(), context, input),
});

/** Marks an organization as launched (an override of failing checks also needs organizations.launch_override). */
export const markLaunchedCommand = defineCommand({
  name: 'organizations.launch',
  schema: markLaunchedSchema,
  permission: 'organizations.launch',
  handler: async (context, input) => markLaunched(await db(), context, input),
});

/** One live step of the launch check's "Check now". */
export const checkLaunchNowCommand = defineCommand({
  name: 'organizations.launch_check_now',
  schema: checkNowSchema,
  permission: 'organizations.launch',
  handler: async (context, input) => checkNow(await db(), context, input),
});

/** End-user activity reported by the builder's app (the REST API's activity endpoint). */
export const reportActivityCommand = defineCommand({
  name: 'organizations.report_activity',
  schema: reportActivitySchema,
  permission: 'activity.report',
  handler: async (context, input) => reportActivity(await db(), context, input),
});
