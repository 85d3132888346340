import Link from 'next/link';
import { formatDate } from '@/lib/format';
import { launchCheckTitle } from '@/lib/organizations/launch';

/**
 * The Overview's launch line: how far the launch check is, or when the organization launched;
 * after launch, each check that has started failing is named, with the way to the check.
 */
export function LaunchPanel({
  href,
  launchedAt,
  passed,
  applicable,
  failing,
}: {
  href: string;
  launchedAt: Date | null;
  passed: number;
  applicable: number;
  failing: string[];
}) {
  if (!launchedAt) {
    return (
      <section aria-labelledby="launch-panel-heading" className="rounded-lg border border-slate-200 p-4 text-sm">
        <h2 id="launch-panel-heading" className="font-medium">
          Launch check: {passed} of {applicable} checks pass
        </h2>
        <p className="mt-1 text-slate-700">
          {passed === applicable ? 'Every applicable check passes: it can be marked as launched. ' : ''}
          <Link href={href}>Open the launch check</Link>
        </p>
      </section>
    );
  }
  return (
    <section
      aria-labelledby="launch-panel-heading"
      className={`rounded-lg border p-4 text-sm ${failing.length ? 'border-amber-300 bg-amber-50' : 'border-green-200 bg-green-50'}`}
    >
      <h2 id="launch-panel-heading" className="font-medium">
        Launched {formatDate(launchedAt)}
      </h2>
      {failing.length ? (
        <>
          <p className="mt-1">
            {failing.length === 1 ? 'A check has' : `${failing.length} checks have`} started failing since launch (the organization stays
            launched):
          </p>
          <ul className="mt-1 list-disc pl-5">
            {failing.map((key) => (
              <li key={key}>{launchCheckTitle(key)}</li>
            ))}
          </ul>
          <p className="mt-1">
            <Link href={href}>See why, and fix it</Link>
          </p>
        </>
      ) : (
        <p className="mt-1">
          Every applicable launch check still passes. <Link href={href}>Open the launch check</Link>
        </p>
      )}
    </section>
  );
}
