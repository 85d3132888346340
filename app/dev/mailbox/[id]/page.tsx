import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/lib/db/client';
import { getDevMail } from '@/lib/email/dev-mailbox';
import { isDevMailboxEnabled } from '@/lib/email/dev-mailbox-access';

export const metadata = { title: 'Message · Dev mailbox' };
export const dynamic = 'force-dynamic';

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!isDevMailboxEnabled()) notFound();
  const { id } = await params;
  const message = await getDevMail(await db(), id);
  if (!message) notFound();
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-4 px-6 py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/dev/mailbox">Dev mailbox</Link> <span aria-hidden="true">/</span> Message
      </nav>
      <h1 className="text-2xl font-semibold">{message.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">To</dt>
        <dd>{message.to}</dd>
        <dt className="font-medium">From</dt>
        <dd>{message.from}</dd>
        <dt className="font-medium">Sent</dt>
        <dd>{message.createdAt.toISOString()}</dd>
      </dl>
      <iframe
        title={`HTML of “${message.subject}”`}
        src={`/dev/mailbox/${message.id}/html`}
        sandbox="allow-popups allow-top-navigation-by-user-activation"
        className="h-[560px] w-full rounded-lg border border-slate-200 bg-white"
      />
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
        <pre className="mt-3 whitespace-pre-wrap text-sm">{message.text}</pre>
      </details>
    </main>
  );
}
