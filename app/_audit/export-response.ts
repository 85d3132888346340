import { EXPORT_FORMATS, type ExportFormat, renderExport } from '@/lib/audit/export';
import { auditQuerySchema, countAuditEvents, streamAuditEvents } from '@/lib/audit/queries';
import { currentBuilder } from '@/lib/auth/session';
import { errorResponse } from '@/lib/commands/errors';
import { hasPermission } from '@/lib/commands/permissions';
import { db } from '@/lib/db/client';
import { fail } from '@/lib/result';

function failure(code: 'unauthenticated' | 'forbidden' | 'not_found' | 'bad_request', message?: string) {
  return errorResponse(fail(code, message));
}

/**
 * Streams the audit log (one organization's, or the whole console's) as CSV or JSON Lines. The
 * total goes in X-Total-Count, so the page can show progress while rows arrive.
 */
export async function auditExportResponse(request: Request, scope: { organizationId?: string; slug?: string }) {
  const builder = await currentBuilder();
  if (!builder) return failure('unauthenticated');
  if (!hasPermission(builder, 'audit.read')) return failure('forbidden');
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return failure('bad_request', 'Choose format=csv or format=jsonl.');
  const query = auditQuerySchema.parse(params);
  const client = await db();
  const total = await countAuditEvents(client, scope, query);
  const chunks = renderExport(streamAuditEvents(client, scope, query), format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        console.error('[audit export] failed part way:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `orgdesk-audit-${scope.slug ?? 'all'}-${stamp}.${format}`;
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Total-Count': String(total),
    },
  });
}
