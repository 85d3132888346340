import { recordAudit } from '@/lib/audit/record';
import type { RequestMeta } from '@/lib/commands/define';
import type { DbOrTx } from '@/lib/db/client';
import { isSetupIntent } from './intents';

/**
 * A test sign-in a setup link started carries the link in its stored request (never the token):
 * the answer comes back to the link's visitor, not the console, and a pass is the link's milestone.
 */
const RETURN_PREFIX = 'setup-link:';

export function setupLinkReturnTo(linkId: string): string {
  return `${RETURN_PREFIX}${linkId}`;
}

/** The setup link a test was started by, from its stored request's return, or null. */
export function setupLinkOfTest(returnTo: string | null): string | null {
  return returnTo?.startsWith(RETURN_PREFIX) ? returnTo.slice(RETURN_PREFIX.length) : null;
}

/** A passed test sign-in, audited as the link that started it (with the address it was sent to). */
export async function recordSetupLinkTestPassed(
  tx: DbOrTx,
  linkId: string,
  connection: { id: string; organizationId: string; name: string },
  attemptId: string,
  now: Date,
  request: RequestMeta,
) {
  const link = await tx.setupLink.findFirst({
    where: { id: linkId, organizationId: connection.organizationId },
    select: { id: true, intents: true, sentTo: true },
  });
  if (!link) return;
  await recordAudit(
    tx,
    {
      principal: {
        kind: 'setup_link',
        linkId: link.id,
        organizationId: connection.organizationId,
        intents: link.intents.filter(isSetupIntent),
        sentTo: link.sentTo,
      },
      now,
      request,
    },
    {
      organizationId: connection.organizationId,
      action: 'setup_link.sso_tested',
      target: { type: 'sso_connection', id: connection.id, label: connection.name },
      summary: { attemptId },
    },
  );
}

/** The cookie that carries a setup link through its test sign-in, back to its page. */
export const SETUP_RETURN_COOKIE = 'orgdesk_setup_return';
export const SETUP_RETURN_SECONDS = 15 * 60;
