import Link from 'next/link';
import { RetryJobButton } from '@/components/jobs/retry-job-button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requireBuilderPage } from '@/lib/auth/require';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/format';
import { countJobsByStatus, JOB_STATUSES, type JobStatusName, listJobs, listSchedulerHeartbeats } from '@/lib/jobs/queries';
import { retryJobAction } from './actions';

export const metadata = { title: 'Background jobs' };

const STATUS_WORDS: Record<JobStatusName, string> = { queued: 'Queued', dead: 'Dead', done: 'Done', cancelled: 'Cancelled' };

/** The queue at a glance: counts, dead jobs with why and a retry, and each scheduler's last pass. */
export default async function JobsPage({ searchParams }: { searchParams: Promise<{ status?: string; retried?: string }> }) {
  const builder = await requireBuilderPage('/jobs');
  const canRetry = hasPermission(builder, 'jobs.manage');
  const { status: requested, retried } = await searchParams;
  const status: JobStatusName = (JOB_STATUSES as readonly string[]).includes(requested ?? '') ? (requested as JobStatusName) : 'dead';
  const client = await db();
  const [counts, jobs, heartbeats] = await Promise.all([
    countJobsByStatus(client),
    listJobs(client, status),
    listSchedulerHeartbeats(client),
  ]);
  const slugs = new Map(
    (
      await client.organization.findMany({
        where: { id: { in: jobs.flatMap((j) => (j.organizationId ? [j.organizationId] : [])) } },
        select: { id: true, slug: true },
      })
    ).map((o) => [o.id, o.slug]),
  );
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Background jobs</h1>
        <p className="mt-1 text-sm text-slate-700">
          Emails and other work run in the background, retry with backoff, and end here as dead when every attempt failed.
        </p>
      </header>
      {retried ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
          The {retried} job is queued again with fresh attempts; it runs within seconds.
        </p>
      ) : null}
      <nav aria-label="Job status" className="flex flex-wrap gap-2">
        {JOB_STATUSES.map((name) => (
          <Link
            key={name}
            href={`/jobs?status=${name}`}
            aria-current={name === status ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 text-sm no-underline ${name === status ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
          >
            {STATUS_WORDS[name]} <span className="font-semibold">{counts[name].toLocaleString('en-US')}</span>
          </Link>
        ))}
      </nav>
      {jobs.length ? (
        <DataTable
          caption={`${STATUS_WORDS[status]} jobs`}
          columns={[
            { label: 'Kind' },
            { label: 'Organization' },
            { label: 'Attempts' },
            { label: status === 'queued' ? 'Runs at' : 'Finished' },
            { label: 'Last error' },
            { label: 'Actions' },
          ]}
        >
          {jobs.map((job) => {
            const slug = job.organizationId ? slugs.get(job.organizationId) : undefined;
            const when = status === 'queued' ? job.runAt : job.finishedAt;
            return (
              <tr key={job.id} className="align-top">
                <td className="px-4 py-2 font-mono text-xs">{job.kind}</td>
                <td className="px-4 py-2">
                  {slug ? <Link href={`/organizations/${slug}`}>{slug}</Link> : job.organizationId ? 'Deleted organization' : '—'}
                </td>
                <td className="px-4 py-2">
                  {job.attempts} of {job.maxAttempts}
                </td>
                <td className="whitespace-nowrap px-4 py-2">{when ? formatDateTime(when) : '—'}</td>
                <td className="px-4 py-2 text-xs text-slate-700">{job.lastError ?? '—'}</td>
                <td className="px-4 py-2">
                  {job.status === 'dead' && canRetry ? <RetryJobButton jobId={job.id} kind={job.kind} retry={retryJobAction} /> : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <EmptyState title={status === 'dead' ? 'No dead jobs' : `No ${STATUS_WORDS[status].toLowerCase()} jobs`}>
          <p>{status === 'dead' ? 'Every background job either finished or is still being retried.' : 'Nothing to show in this status.'}</p>
        </EmptyState>
      )}
      <section aria-labelledby="schedulers-heading" className="space-y-3">
        <h2 id="schedulers-heading" className="text-lg font-semibold">
          Schedulers
        </h2>
        {heartbeats.length ? (
          <DataTable
            caption="Each instance’s scheduler loops"
            columns={[{ label: 'Instance' }, { label: 'Loop' }, { label: 'Last successful pass' }, { label: 'Last error' }]}
          >
            {heartbeats.map((beat) => (
              <tr key={`${beat.instanceId}-${beat.loop}`}>
                <td className="px-4 py-2 font-mono text-xs">{beat.instanceId}</td>
                <td className="px-4 py-2">{beat.loop}</td>
                <td className="px-4 py-2">{beat.lastSuccessAt.getTime() > 0 ? formatDateTime(beat.lastSuccessAt) : 'Never'}</td>
                <td className="px-4 py-2 text-xs text-slate-700">{beat.lastError ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <EmptyState title="No scheduler has run yet">
            <p>App instances run the scheduler unless ORGDESK_SCHEDULER=off; then run npm run worker beside them.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
