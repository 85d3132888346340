import { domainMatches } from '@/lib/domains/match';
import { emailDomain, parseEmailAddress } from '@/lib/email/address';

/** The review step's verdict on one pasted address. Pure. */
export type ReviewStatus = 'ready' | 'invalid' | 'duplicate' | 'member' | 'pending';
export type ReviewWarning = 'outside_verified_domains' | 'consumer_domain';

export interface ReviewRow {
  input: string;
  address: string | null;
  status: ReviewStatus;
  reason: string | null;
  warnings: ReviewWarning[];
}

export interface ReviewContext {
  memberEmails: ReadonlySet<string>;
  pendingEmails: ReadonlySet<string>;
  verifiedDomains: readonly { name: string; includeSubdomains?: boolean }[];
  isConsumerDomain: (domain: string) => boolean;
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  ready: 'Ready',
  invalid: 'Invalid',
  duplicate: 'Duplicate in this list',
  member: 'Already a member',
  pending: 'Already invited',
};

export const REVIEW_WARNING_LABELS: Record<ReviewWarning, string> = {
  outside_verified_domains: 'Outside the organization’s verified domains',
  consumer_domain: 'A consumer mail domain',
};

export function reviewAddresses(entries: readonly string[], context: ReviewContext): ReviewRow[] {
  const seen = new Set<string>();
  return entries.map((input) => {
    const parsed = parseEmailAddress(input);
    if (!parsed.ok) return { input, address: null, status: 'invalid', reason: parsed.reason, warnings: [] };
    const address = parsed.address;
    if (seen.has(address)) {
      return { input, address, status: 'duplicate', reason: 'This address is already in the list above.', warnings: [] };
    }
    seen.add(address);
    if (context.memberEmails.has(address)) {
      return { input, address, status: 'member', reason: 'This person is already a member.', warnings: [] };
    }
    if (context.pendingEmails.has(address)) {
      return { input, address, status: 'pending', reason: 'A pending invitation already exists. Resend it instead.', warnings: [] };
    }
    const domain = emailDomain(address);
    const warnings: ReviewWarning[] = [];
    if (context.verifiedDomains.length && !context.verifiedDomains.some((d) => domainMatches(domain, d.name, d.includeSubdomains))) {
      warnings.push('outside_verified_domains');
    }
    if (context.isConsumerDomain(domain)) warnings.push('consumer_domain');
    return { input, address, status: 'ready', reason: null, warnings };
  });
}

/** What "Send invitations" sends: ready rows without warnings, plus warned rows the builder confirmed. */
export function sendableAddresses(rows: readonly ReviewRow[], confirmedWithWarnings: ReadonlySet<string>): string[] {
  return rows
    .filter((row) => row.status === 'ready' && (row.warnings.length === 0 || confirmedWithWarnings.has(row.address!)))
    .map((row) => row.address!);
}
