/**
 * What a verified SSO sign-in says about the person, whatever the protocol: the identity
 * provider's subject, the mapped details, every attribute or claim received, and `detail`, the
 * protocol's own evidence (the certificate and clock for SAML, the issuer and clock for OIDC).
 */
export interface VerifiedIdentity {
  ok: true;
  subject: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  groups: string[];
  attributes: Record<string, string[]>;
  detail: Record<string, unknown>;
}
