import type { AuditEventRow } from './queries';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = [
  'occurred_at',
  'organization_id',
  'action',
  'actor_kind',
  'actor_id',
  'actor_email',
  'target_type',
  'target_id',
  'target_label',
  'summary',
  'ip',
  'request_id',
] as const;

/** One CSV field, RFC 4180 quoted; a leading =, +, - or @ is defused so spreadsheets show it as text. */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function plain(row: AuditEventRow) {
  return {
    id: row.id,
    occurred_at: row.occurredAt.toISOString(),
    organization_id: row.organizationId,
    action: row.action,
    actor_kind: row.actorKind,
    actor_id: row.actorId,
    actor_email: row.actorEmail,
    target_type: row.targetType,
    target_id: row.targetId,
    target_label: row.targetLabel,
    summary: row.summary,
    ip: row.ip,
    request_id: row.requestId,
  };
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(row: AuditEventRow): string {
  const record = plain(row);
  return `${CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`;
}

export function jsonLine(row: AuditEventRow): string {
  return `${JSON.stringify(plain(row))}\n`;
}

/** The export as a stream of text chunks, a batch of rows per chunk. */
export async function* renderExport(rows: AsyncIterable<AuditEventRow>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  let chunk = '';
  let count = 0;
  for await (const row of rows) {
    chunk += format === 'csv' ? csvRow(row) : jsonLine(row);
    if (++count % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
