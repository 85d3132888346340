import { describeAction, describeActor } from '@/lib/audit/describe';
import { formatDateTime } from '@/lib/format';

type Event = {
  id: string;
  occurredAt: Date;
  action: string;
  targetLabel: string | null;
  targetType: string;
  actorKind: string;
  actorId: string | null;
  actorEmail: string | null;
};

/** A short list of audit events, newest first: when, what, about what, by whom. */
export function RecentEvents({ events, empty }: { events: Event[]; empty: string }) {
  if (!events.length) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap gap-x-3 px-4 py-2">
          <time dateTime={event.occurredAt.toISOString()} className="text-slate-600">
            {formatDateTime(event.occurredAt)}
          </time>
          <span className="font-medium">{describeAction(event.action)}</span>
          <span>{event.targetLabel ?? event.targetType}</span>
          <span className="text-slate-600">by {describeActor(event)}</span>
        </li>
      ))}
    </ul>
  );
}
