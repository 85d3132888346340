import type { OrganizationStateName } from '@/lib/organizations/state';
import { STATE_PRESENTATION } from '@/lib/organizations/state-labels';

const TONES = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  info: 'bg-amber-50 text-amber-900 ring-amber-300',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  live: 'bg-blue-50 text-blue-900 ring-blue-300',
  danger: 'bg-red-50 text-red-900 ring-red-300',
} as const;

export function StateBadge({ state }: { state: OrganizationStateName }) {
  const presentation = STATE_PRESENTATION[state];
  return <span className={`badge ${TONES[presentation.tone]}`}>{presentation.label}</span>;
}
