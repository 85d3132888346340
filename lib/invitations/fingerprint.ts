import crypto from 'node:crypto';
import { previewProps, renderInvitation } from '@/emails/invitation';
import { getConfig } from '@/lib/config';

let memo: Promise<string> | null = null;

/**
 * A fingerprint of the invitation email as this server sends it: the template (rendered with fixed
 * sample data) and the sender. A test invitation records it when sent; the launch check compares,
 * so a changed template or sender asks for a new test. Computed once per process: both change
 * only with a deploy or a restart.
 */
export function invitationTemplateFingerprint(): Promise<string> {
  memo ??= (async () => {
    const config = getConfig();
    const email = await renderInvitation(previewProps, config.emailFromName);
    return crypto.createHash('sha256').update(`${config.emailFrom}\n${email.subject}\n${email.html}`).digest('hex').slice(0, 32);
  })();
  return memo;
}
