import { db } from '@/lib/db/client';
import { getDevMail } from '@/lib/email/dev-mailbox';
import { isDevMailboxEnabled } from '@/lib/email/dev-mailbox-access';

export const dynamic = 'force-dynamic';

/** The stored HTML, framed by the message page. Links open in the top window, so they work. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isDevMailboxEnabled()) return new Response('Not found', { status: 404 });
  const message = await getDevMail(await db(), (await params).id);
  if (!message) return new Response('Not found', { status: 404 });
  const html = message.html.replace(/<head>/i, '<head><base target="_top">');
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Email HTML never runs scripts here.
      'content-security-policy': "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      'referrer-policy': 'no-referrer',
    },
  });
}
