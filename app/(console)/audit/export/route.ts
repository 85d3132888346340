import { auditExportResponse } from '@/app/_audit/export-response';

/** The console-wide audit log as CSV or JSON Lines, streamed. A read: it changes nothing. */
export async function GET(request: Request) {
  return auditExportResponse(request, {});
}
