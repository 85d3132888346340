import { emailDomain, normalizeEmail } from '@/lib/email/address';

/** Who may enter the console: ADMIN_EMAILS, addresses or @domain entries, comma-separated. */
export interface BuilderList {
  emails: ReadonlySet<string>;
  domains: ReadonlySet<string>;
}

export function parseBuilderList(raw: string): { ok: true; list: BuilderList } | { ok: false; entry: string } {
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (!entry) continue;
    if (entry.startsWith('@')) {
      const address = normalizeEmail(`x${entry}`);
      if (!address) return { ok: false, entry };
      domains.add(emailDomain(address));
    } else {
      const address = normalizeEmail(entry);
      if (!address) return { ok: false, entry };
      emails.add(address);
    }
  }
  return { ok: true, list: { emails, domains } };
}

/** Exact address, or exact domain: `@acme.com` admits x@acme.com, never x@eu.acme.com. */
export function isBuilderEmail(email: string | null | undefined, list: BuilderList): boolean {
  if (!email) return false;
  const address = normalizeEmail(email);
  if (!address) return false;
  return list.emails.has(address) || list.domains.has(emailDomain(address));
}
