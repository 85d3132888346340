/**
 * Domain matching by whole labels, on A-labels (punycode). Pure.
 * `acme.com` matches x@acme.com, never x@notacme.com or x@acme.com.evil.io; subdomains only
 * when the domain includes them.
 */
export function domainMatches(addressDomain: string, domain: string, includeSubdomains = false): boolean {
  const candidate = addressDomain.toLowerCase().replace(/\.$/, '');
  const owned = domain.toLowerCase().replace(/\.$/, '');
  if (candidate === owned) return true;
  return includeSubdomains && candidate.endsWith(`.${owned}`);
}

/** a.b.acme.com -> [a.b.acme.com, b.acme.com, acme.com]: the names a domain could match under. */
export function parentNames(domain: string): string[] {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}
