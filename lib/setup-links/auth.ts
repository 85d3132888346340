import crypto from 'node:crypto';
import type { Principal } from '@/lib/commands/principal';
import type { DbOrTx } from '@/lib/db/client';
import { hashToken } from '@/lib/invitations/tokens';
import { type Failure, fail, ok, type Result } from '@/lib/result';
import { isSetupIntent, type SetupIntent, setupLinkStatus } from './intents';

/**
 * Setup link tokens: `setup_` and 256 bits from the CSPRNG, in the link's address. The database
 * keeps only their SHA-256; a GET of the page looks the link up and changes nothing.
 */
export const SETUP_TOKEN_PREFIX = 'setup_';

export function newSetupLinkToken(): { token: string; hash: string } {
  const token = `${SETUP_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** Tokens are `setup_` and 43 base64url characters; anything else is not worth a lookup. */
export function looksLikeSetupToken(value: string): boolean {
  return /^setup_[A-Za-z0-9_-]{43}$/.test(value);
}

export type SetupLinkPrincipal = Principal & { kind: 'setup_link' };

const linkSelect = {
  id: true,
  organizationId: true,
  intents: true,
  sentTo: true,
  expiresAt: true,
  revokedAt: true,
  openedAt: true,
  organization: { select: { id: true, name: true, slug: true, status: true } },
} as const;

export interface AuthenticatedSetupLink {
  principal: SetupLinkPrincipal;
  link: { id: string; expiresAt: Date; openedAt: Date | null; intents: SetupIntent[] };
  organization: { id: string; name: string; slug: string; status: string };
}

function refusalFor(link: { expiresAt: Date; revokedAt: Date | null } | null, now: Date): Failure | null {
  if (!link) return fail('not_found', 'This setup link isn’t valid. Check that the whole address was copied, or ask for a new link.');
  const status = setupLinkStatus(link, now);
  if (status === 'revoked') return fail('setup_link_revoked');
  if (status === 'expired') return fail('setup_link_expired');
  return null;
}

/** The link behind a token, as a principal: refused when unknown, revoked or expired. One statement. */
export async function authenticateSetupLink(client: DbOrTx, token: string, now: Date): Promise<Result<AuthenticatedSetupLink>> {
  const link = looksLikeSetupToken(token)
    ? await client.setupLink.findUnique({ where: { tokenHash: hashToken(token) }, select: linkSelect })
    : null;
  const refusal = refusalFor(link, now);
  if (refusal || !link) return refusal ?? fail('not_found');
  const intents = link.intents.filter(isSetupIntent);
  return ok({
    principal: { kind: 'setup_link', linkId: link.id, organizationId: link.organizationId, intents, sentTo: link.sentTo },
    link: { id: link.id, expiresAt: link.expiresAt, openedAt: link.openedAt, intents },
    organization: link.organization,
  });
}

/**
 * Before any command a setup link runs: the link must still be live when the command runs, not
 * only when its page was shown. One indexed lookup; null when the link may act.
 */
export async function setupLinkRefusal(client: DbOrTx, principal: SetupLinkPrincipal, now: Date): Promise<Failure | null> {
  const link = await client.setupLink.findFirst({
    where: { id: principal.linkId, organizationId: principal.organizationId },
    select: { expiresAt: true, revokedAt: true },
  });
  return refusalFor(link, now);
}
