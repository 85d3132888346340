import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/lib/db/client';
import { getDevMail } from '@/lib/email/dev-mailbox';
import { isDevMailboxEnabled } from '@/lib/email/dev-mailbox-access';
import { emailLinks } from '@/lib/email/links';
import { formatDateTime } from '@/lib/format';

export const metadata = { title: 'Message · Dev mailbox' };
export const dynamic = 'force-dynamic';

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!isDevMailboxEnabled()) notFound();
  const { id } = await params;
  const message = await getDevMail(await db(), id);
  if (!message) notFound();
  const links = [...new Set(emailLinks(message.html))];
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-4 px-6 py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/dev/mailbox">Dev mailbox</Link> <span aria-hidden="true">/</span> Message
      </nav>
      <h1 className="text-2xl font-semibold">{message.subject}</h1>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">To</dt>
        <dd className="break-all">{message.to}</dd>
        <dt className="font-medium">From</dt>
        <dd className="break-all">{message.from}</dd>
        <dt className="font-medium">Sent</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time>
        </dd>
      </dl>
      {links.length ? (
        <section aria-labelledby="links-heading" className="space-y-2">
          <h2 id="links-heading" className="text-sm font-semibold">
            Links in this message
          </h2>
          <ul className="space-y-1 text-sm">
            {links.map((href) => (
              <li key={href} className="break-all">
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <iframe
        title={`HTML of “${message.subject}”`}
        src={`/dev/mailbox/${message.id}/html`}
        sandbox="allow-popups allow-top-navigation-by-user-activation"
        className="h-[560px] w-full rounded-lg border border-slate-200 bg-white"
      />
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
        <pre className="mt-3 whitespace-pre-wrap break-all text-sm">{message.text}</pre>
      </details>
    </main>
  );
}
