import { formatDate } from '@/lib/format';
import type { CertificateStage } from '@/lib/sso/certificates';

const BADGE = 'rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset';

/** Enabled or disabled, and an error when the connection's recent sign-ins fail. */
export function ConnectionStatus({ enabled, status }: { enabled: boolean; status: string }) {
  return (
    <>
      <span
        className={`${BADGE} ${enabled ? 'bg-emerald-50 text-emerald-900 ring-emerald-300' : 'bg-slate-100 text-slate-800 ring-slate-300'}`}
      >
        {enabled ? 'Enabled' : 'Disabled'}
      </span>
      {status === 'error' ? <span className={`${BADGE} bg-red-50 text-red-900 ring-red-300`}>Sign-ins failing</span> : null}
    </>
  );
}

const STAGE_TEXT: Record<CertificateStage, { words: string; className: string }> = {
  valid: { words: 'expires', className: 'text-slate-800' },
  within_30_days: { words: 'expires within 30 days, on', className: 'text-amber-900' },
  within_14_days: { words: 'expires within 14 days, on', className: 'font-semibold text-red-800' },
  within_3_days: { words: 'expires within 3 days, on', className: 'font-semibold text-red-800' },
  expired: { words: 'expired on', className: 'font-semibold text-red-800' },
};

/** A certificate's expiry, worded by how close it is. */
export function CertificateExpiry({ notAfter, stage }: { notAfter: Date; stage: CertificateStage }) {
  const text = STAGE_TEXT[stage];
  return (
    <span className={text.className}>
      {stage === 'valid' ? 'Valid; expires' : `Renew: ${text.words}`} {formatDate(notAfter)}
    </span>
  );
}
