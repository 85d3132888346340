import { DirectoryEvents } from '@/components/directory/directory-events';
import { EmptyState } from '@/components/ui/empty-state';
import { db } from '@/lib/db/client';
import { listDirectoryEvents } from '@/lib/directory/events';
import { loadWorkspace, sectionMetadata } from '../../load';

export const generateMetadata = sectionMetadata('Directory event log');

/** `before` is "<ISO time>_<id>": the last event of the page before. */
function readCursor(value: string | undefined) {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/);
  if (!match) return null;
  const occurredAt = new Date(match[1]!);
  return Number.isNaN(occurredAt.getTime()) ? null : { occurredAt, id: match[2]! };
}

export default async function DirectoryEventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string; failures?: string; before?: string }>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const { organization } = await loadWorkspace(slug, 'directory/events');
  const client = await db();
  const directory = await client.directory.findUnique({ where: { organizationId: organization.id }, select: { id: true } });
  const base = `/organizations/${organization.slug}/directory/events`;
  if (!directory) {
    return (
      <EmptyState title="No directory yet">
        <p>Create the directory in the Directory section: its requests are logged here.</p>
      </EmptyState>
    );
  }
  const search = typeof query.q === 'string' ? query.q.slice(0, 200) : '';
  const failuresOnly = query.failures === '1';
  const before = readCursor(query.before);
  const page = await listDirectoryEvents(client, organization.id, directory.id, { search, failuresOnly, before });
  const keep = new URLSearchParams({ ...(search ? { q: search } : {}), ...(failuresOnly ? { failures: '1' } : {}) });
  const last = page.events.at(-1);
  const nextHref =
    page.hasMore && last ? `${base}?${new URLSearchParams([...keep, ['before', `${last.occurredAt.toISOString()}_${last.id}`]])}` : null;
  return (
    <DirectoryEvents
      base={base}
      events={page.events}
      search={search}
      failuresOnly={failuresOnly}
      nextHref={nextHref}
      firstHref={before ? `${base}${keep.size ? `?${keep}` : ''}` : null}
    />
  );
}
