'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Permitted, useCan, useOrganizationActions } from '@/components/actions-context';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextAreaField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { formatDate, formatDateTime } from '@/lib/format';
import type { LaunchCheck, LaunchSummary } from '@/lib/organizations/launch';
import { failureOf, formLevelFailure, type Result } from '@/lib/result';

const STATUS_WORDS: Record<LaunchCheck['status'], { label: string; mark: string; className: string }> = {
  passed: { label: 'Passed', mark: '✓', className: 'bg-green-50 text-green-800' },
  failed: { label: 'Failed', mark: '✗', className: 'bg-red-50 text-red-800' },
  not_applicable: { label: 'Not applicable', mark: '–', className: 'bg-slate-100 text-slate-700' },
};

/** The live steps of "Check now", in order, as the progress names them. */
const STEPS = [
  { step: 'domains', label: 'Checking the domains’ DNS' },
  { step: 'sso', label: 'Reading SSO metadata again' },
  { step: 'invitation', label: 'Reading the test invitation’s delivery' },
] as const;

/**
 * The Launch check section: every check with its evidence, or its reason and the way to the fix;
 * "Check now" (the live parts, one step after another, with progress); and "Mark as launched",
 * enabled when every applicable check passes, or overridden with a reason by whoever may.
 */
export function LaunchCheckSection({
  organizationId,
  slug,
  checks,
  summary,
  launched,
}: {
  organizationId: string;
  slug: string;
  checks: LaunchCheck[];
  summary: LaunchSummary;
  launched: { at: Date; by: string | null; overrideReason: string | null } | null;
}) {
  const base = `/organizations/${slug}`;
  return (
    <section aria-labelledby="launch-heading" className="space-y-6">
      <div className="space-y-1">
        <h2 id="launch-heading" className="text-lg font-semibold">
          Launch check
        </h2>
        <p className="text-sm text-slate-700">
          {summary.passed} of {summary.applicable} applicable checks pass. Each is read from what Orgdesk recorded, with its evidence.
        </p>
      </div>
      {launched ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          Launched on {formatDate(launched.at)}
          {launched.by ? ` by ${launched.by}` : ''}.
          {launched.overrideReason ? ` Launched despite failing checks: “${launched.overrideReason}”` : ''}
          {summary.failing.length
            ? ` ${summary.failing.length} ${summary.failing.length === 1 ? 'check fails' : 'checks fail'} since: see below.`
            : ''}
        </p>
      ) : null}
      <ol className="space-y-3">
        {checks.map((check) => {
          const words = STATUS_WORDS[check.status];
          return (
            <li key={check.key} className="rounded-lg border border-slate-200 p-4">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${words.className}`}>
                  <span aria-hidden="true">{words.mark} </span>
                  {words.label}
                </span>
                <h3 className="font-medium">{check.title}</h3>
              </div>
              <p className="mt-1 break-words text-sm text-slate-700">
                {check.detail}
                {check.at ? <span className="text-slate-600"> ({formatDateTime(check.at)})</span> : null}
              </p>
              <div className="mt-2 flex flex-wrap gap-4 text-sm">
                {check.previewInvitation ? <a href={`${base}/invitations/preview`}>See the invitation as it renders</a> : null}
                {check.fix ? <Link href={check.fix.section ? `${base}/${check.fix.section}` : base}>{check.fix.label}</Link> : null}
                {check.handOff ? (
                  <Link href={`${base}/setup-links?for=${check.handOff}`}>Or hand it to their IT admin with a setup link</Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <Permitted to="organizations.launch">
        <CheckNow organizationId={organizationId} />
        {launched ? null : <MarkLaunched organizationId={organizationId} summary={summary} />}
      </Permitted>
    </section>
  );
}

function CheckNow({ organizationId }: { organizationId: string }) {
  const actions = useOrganizationActions();
  const router = useRouter();
  const [progress, setProgress] = useState<{ index: number; done: string[]; failure: Result<unknown> | null } | null>(null);
  const running = progress !== null && progress.index < STEPS.length && !progress.failure;
  const run = async () => {
    const done: string[] = [];
    for (const [index, { step }] of STEPS.entries()) {
      setProgress({ index, done: [...done], failure: null });
      const form = new FormData();
      form.set('organizationId', organizationId);
      form.set('step', step);
      const result = await actions.checkLaunchNow(null, form);
      if (!result.ok) {
        setProgress({ index, done: [...done], failure: result });
        return;
      }
      done.push((result.data as { done: string }).done);
    }
    setProgress({ index: STEPS.length, done, failure: null });
    router.refresh();
  };
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" onClick={run} disabled={running}>
        {running ? 'Checking…' : 'Check now'}
      </Button>
      <p className="text-sm text-slate-700">Checks DNS, reads SSO metadata again, and reads the last test invitation’s delivery.</p>
      {progress ? (
        <div role="status" className="space-y-1 text-sm">
          {progress.done.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {running ? (
            <p>
              Step {progress.index + 1} of {STEPS.length}: {STEPS[progress.index]!.label}…
            </p>
          ) : null}
          {!running && !progress.failure ? <p className="font-medium">Checked. The list above is up to date.</p> : null}
        </div>
      ) : null}
      {progress?.failure ? <FormMessage result={progress.failure} /> : null}
    </div>
  );
}

function MarkLaunched({ organizationId, summary }: { organizationId: string; summary: LaunchSummary }) {
  const actions = useOrganizationActions();
  const can = useCan();
  const form = useKeptForm(actions.markLaunched);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const failure = failureOf(form.result);
  const mayOverride = !summary.ready && can('organizations.launch_override');
  return (
    <form onSubmit={form.onSubmit} aria-label="Mark as launched" className="space-y-3 rounded-lg border border-slate-200 p-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <h3 className="font-medium">Mark as launched</h3>
      <p className="text-sm text-slate-700">
        {summary.ready
          ? 'Every applicable check passes. Marking the organization as launched is recorded in the audit log.'
          : `${summary.failing.length} ${summary.failing.length === 1 ? 'check fails' : 'checks fail'}: fix ${summary.failing.length === 1 ? 'it' : 'them'} first${mayOverride ? ', or override with a reason' : ''}.`}
      </p>
      {mayOverride ? (
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="override" checked={override} onChange={(event) => setOverride(event.target.checked)} />
            Launch despite the failing checks
          </label>
          {override ? (
            <TextAreaField
              label="Why launch now"
              name="reason"
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              hint="Kept with the launch in the audit log."
              errors={failure?.fieldErrors?.reason}
            />
          ) : null}
        </div>
      ) : null}
      <FormMessage result={formLevelFailure(form.result)} />
      <SubmitButton pending={form.pending} pendingLabel="Marking…" disabled={!summary.ready && !(mayOverride && override)}>
        Mark as launched
      </SubmitButton>
    </form>
  );
}
