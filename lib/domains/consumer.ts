// Names reserved for documentation and testing (RFC 2606, RFC 6761) are never consumer mailboxes,
// though the list carries some of them.
const RESERVED = /(^|\.)(example\.(com|net|org)|test|example|invalid|localhost)$/;

/** Whether a domain is a free consumer mail domain (gmail.com, outlook.com, …). */
export type ConsumerDomainCheck = (domain: string) => boolean;

let list: Promise<ReadonlySet<string>> | undefined;

/**
 * The check against a maintained list of free consumer mail domains. The list holds about 97,000
 * names, some 9 MB in memory, so it loads on first use: only adding a domain and reviewing
 * invitations need it, and a server that serves the other pages never holds it.
 */
export function consumerDomainCheck(): Promise<ConsumerDomainCheck> {
  list ??= import('free-email-domains-list/build/src/constants.js').then(
    ({ DOMAINS }) => DOMAINS,
    (error: unknown) => {
      list = undefined;
      throw error;
    },
  );
  return list.then((domains) => (domain) => {
    const name = domain.toLowerCase();
    return !RESERVED.test(name) && domains.has(name);
  });
}
