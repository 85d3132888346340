import { DOMAINS } from 'free-email-domains-list/build/src/constants.js';

// Names reserved for documentation and testing (RFC 2606, RFC 6761) are never consumer mailboxes,
// though the list carries some of them.
const RESERVED = /(^|\.)(example\.(com|net|org)|test|example|invalid|localhost)$/;

/** Free consumer mail domains (gmail.com, outlook.com, …), from a maintained list. */
export function isConsumerMailDomain(domain: string): boolean {
  const name = domain.toLowerCase();
  if (RESERVED.test(name)) return false;
  return DOMAINS.has(name);
}
