/** The rate limits, defined once. Pure data: pages and tests read them without the database client. */
export interface RateLimitRule {
  /** Allowed hits per window. */
  limit: number;
  windowMs: number;
}

/** The limits, defined once. */
export const RATE_LIMITS = {
  signInPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  /** Addresses invited (including test invitations) per organization. */
  invitationSendsPerOrganization: { limit: 100, windowMs: 60 * 60_000 },
  /** Console invitations, across the whole console. */
  consoleInvitationSends: { limit: 30, windowMs: 60 * 60_000 },
  invitationResendsPerInvitation: { limit: 3, windowMs: 60 * 60_000 },
  invitationAcceptsPerIp: { limit: 30, windowMs: 10 * 60_000 },
  /** Responses posted to the SAML ACS, per address: real sign-ins post one each. */
  ssoAcsPerIp: { limit: 120, windowMs: 10 * 60_000 },
  /** SCIM requests per directory: identity providers sync in bursts, within their own limits. */
  scimPerDirectory: { limit: 12_000, windowMs: 60_000 },
  /** REST API requests per key (RATE_LIMIT_API_PER_MINUTE changes it). */
  apiPerKey: { limit: Number(process.env.RATE_LIMIT_API_PER_MINUTE) || 600, windowMs: 60_000 },
} satisfies Record<string, RateLimitRule>;
