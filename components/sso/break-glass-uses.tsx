import { formatDateTime } from '@/lib/format';

/** Break-glass sign-ins of the last 30 days: each one an owner bypassing required SSO. */
export function BreakGlassUses({ uses }: { uses: { id: string; at: Date; email: string | null }[] }) {
  if (!uses.length) return null;
  return (
    <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-medium">Break-glass sign-ins in the last 30 days</p>
      <ul className="mt-1 list-disc pl-5">
        {uses.map((use) => (
          <li key={use.id}>
            {use.email ?? 'An owner'} signed in with an email link on {formatDateTime(use.at)}, bypassing required SSO.
          </li>
        ))}
      </ul>
    </div>
  );
}
