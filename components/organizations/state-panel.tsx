import { fixForReason, fixForState } from '@/lib/organizations/fixes';
import type { OrganizationStateName, StateReason } from '@/lib/organizations/state';
import { describeStateReason, STATE_PRESENTATION } from '@/lib/organizations/state-labels';
import { type FixTargets, ReasonFix } from './reason-fix';
import { StateBadge } from './state-badge';

/** The Overview's state: what it means, each reason with the action that fixes it, and the next step. */
export function StatePanel({ state, reasons, targets }: { state: OrganizationStateName; reasons: StateReason[]; targets: FixTargets }) {
  const presentation = STATE_PRESENTATION[state];
  const next = reasons.length ? null : fixForState(state);
  return (
    <section aria-labelledby="state-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="state-heading" className="text-lg font-semibold">
          State
        </h2>
        <StateBadge state={state} />
      </div>
      <p className="mt-2 text-sm text-slate-700">{presentation.meaning}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        <p>
          <span className="font-semibold">Next step: </span>
          {presentation.action}
        </p>
        {next ? <ReasonFix fix={next} targets={targets} /> : null}
      </div>
      {reasons.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-red-900">Why it needs attention, and the fix</h3>
          <ul className="mt-2 space-y-3">
            {reasons.map((reason) => (
              <li
                key={JSON.stringify(reason)}
                className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
              >
                <span className="min-w-0 flex-1 basis-64">{describeStateReason(reason)}</span>
                <ReasonFix fix={fixForReason(reason)} targets={targets} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
