import { z } from 'zod';
import { defineCommand } from '@/lib/commands/define';
import { db } from '@/lib/db/client';
import { retryDeadJob } from './mutations';

export const retryJobSchema = z.object({ jobId: z.string().uuid('Unknown job.') });

export const retryJobCommand = defineCommand({
  name: 'jobs.retry',
  schema: retryJobSchema,
  permission: 'jobs.manage',
  handler: async (context, input) => retryDeadJob(await db(), context, input),
});
