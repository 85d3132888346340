import { getConfig } from '@/lib/config';

/** The dev mailbox exists only while mail goes to it: never with SMTP, never in production. */
export function isDevMailboxEnabled(): boolean {
  return getConfig().mail.transport === 'dev-mailbox';
}
