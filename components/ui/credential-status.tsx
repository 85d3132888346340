import { formatDateTime } from '@/lib/format';
import { ToneBadge } from './tone-badge';

const STATUS = {
  active: { label: 'Active', tone: 'good' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'bad' },
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
      <ToneBadge tone={STATUS[status].tone}>{STATUS[status].label}</ToneBadge>
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
