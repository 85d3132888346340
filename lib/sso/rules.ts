/** SSO rules that pages and commands share. Pure. */

/** What a connection still lacks before it can be enabled, in words; empty when it is complete. */
export function missingForEnable(connection: {
  protocol: 'saml' | 'oidc';
  idpEntityId: string | null;
  idpSsoUrl: string | null;
  issuer: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  /** OIDC: the issuer's discovery document has been read. */
  hasDiscovery: boolean;
  certificateCount: number;
  domainCount: number;
}): string[] {
  const missing: string[] = [];
  if (connection.protocol === 'saml') {
    if (!connection.idpEntityId || !connection.idpSsoUrl) missing.push('the identity provider’s entity ID and SSO URL');
    if (!connection.certificateCount) missing.push('a signing certificate');
  } else if (!connection.issuer || !connection.clientId || !connection.hasClientSecret) {
    missing.push('the issuer, client ID and client secret');
  } else if (!connection.hasDiscovery) {
    missing.push('the issuer’s discovery document (save again once the issuer answers)');
  }
  if (!connection.domainCount) missing.push('a verified domain it applies to');
  return missing;
}
