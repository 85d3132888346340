import { formatDateTime } from '@/lib/format';

const STATUS = {
  active: { label: 'Active', className: 'bg-emerald-50 text-emerald-900 ring-emerald-300' },
  expired: { label: 'Expired', className: 'bg-slate-100 text-slate-800 ring-slate-300' },
  revoked: { label: 'Revoked', className: 'bg-red-50 text-red-900 ring-red-300' },
} as const;

/** A link's or key's standing: the badge, then when it was revoked and by whom, or until when it works. */
export function CredentialStatus({
  status,
  revokedAt,
  revokedByEmail,
  expiresAt,
  now,
}: {
  status: keyof typeof STATUS;
  revokedAt: Date | null;
  revokedByEmail: string | null;
  expiresAt: Date | null;
  now: Date;
}) {
  return (
    <>
      <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS[status].className}`}>
        {STATUS[status].label}
      </span>
      <div className="mt-1 text-xs text-slate-700">
        {status === 'revoked' && revokedAt
          ? `${formatDateTime(revokedAt)} by ${revokedByEmail ?? 'Orgdesk'}`
          : expiresAt
            ? `${expiresAt > now ? 'Until' : 'Since'} ${formatDateTime(expiresAt)}`
            : 'No expiry'}
      </div>
    </>
  );
}
