'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runFormCommand } from '@/app/_actions/run-command';
import { retryJobCommand } from '@/lib/jobs/commands';
import type { Result } from '@/lib/result';
import { kickJobs } from '@/lib/scheduler';

export async function retryJobAction(_previous: Result<unknown> | null, form: FormData) {
  const result = await runFormCommand(retryJobCommand, form);
  if (!result.ok) return result;
  revalidatePath('/jobs');
  kickJobs();
  // The job leaves the dead list, and its button with it: say so on the page.
  redirect(`/jobs?status=queued&retried=${encodeURIComponent(result.data.kind)}`);
}
