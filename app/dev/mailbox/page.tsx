import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { db } from '@/lib/db/client';
import { listDevMail } from '@/lib/email/dev-mailbox';
import { isDevMailboxEnabled } from '@/lib/email/dev-mailbox-access';
import { formatDateTime } from '@/lib/format';

export const metadata = { title: 'Dev mailbox' };
export const dynamic = 'force-dynamic';

export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  if (!isDevMailboxEnabled()) notFound();
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const { messages, pageCount, total } = await listDevMail(await db(), page);
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 px-6 py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/organizations">Console</Link> <span aria-hidden="true">/</span> Dev mailbox
      </nav>
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="text-sm text-slate-700">
        No <code>SMTP_URL</code> is set, so every email the console sends lands here instead ({total} so far). Set <code>SMTP_URL</code> to
        send real mail.
      </p>
      {messages.length ? (
        <DataTable caption="Messages, newest first" columns={[{ label: 'Subject' }, { label: 'To' }, { label: 'Sent' }]}>
          {messages.map((message) => (
            <tr key={message.id}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                <Link href={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
              </th>
              <td className="px-4 py-2">{message.to}</td>
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(message.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="No mail yet">
          <p>
            Ask for a sign-in link at <Link href="/login">/login</Link> and it appears here.
          </p>
        </EmptyState>
      )}
      <Pagination
        previousHref={page > 1 ? `/dev/mailbox?page=${page - 1}` : null}
        nextHref={page < pageCount ? `/dev/mailbox?page=${page + 1}` : null}
        summary={`Page ${page} of ${pageCount}`}
        label="Mailbox pages"
      />
    </main>
  );
}
