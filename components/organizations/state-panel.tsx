import type { OrganizationStateName, StateReason } from '@/lib/organizations/state';
import { describeStateReason, STATE_PRESENTATION } from '@/lib/organizations/state-labels';
import { StateBadge } from './state-badge';

export function StatePanel({ state, reasons }: { state: OrganizationStateName; reasons: StateReason[] }) {
  const presentation = STATE_PRESENTATION[state];
  return (
    <section aria-labelledby="state-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="state-heading" className="text-lg font-semibold">
          State
        </h2>
        <StateBadge state={state} />
      </div>
      <p className="mt-2 text-sm text-slate-700">{presentation.meaning}</p>
      <p className="mt-2 text-sm">
        <span className="font-semibold">Next step: </span>
        {presentation.action}
      </p>
      {reasons.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-red-900">Why it needs attention</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-900">
            {reasons.map((reason) => (
              <li key={JSON.stringify(reason)}>{describeStateReason(reason)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
