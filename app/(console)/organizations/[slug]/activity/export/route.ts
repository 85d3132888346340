import { auditExportResponse } from '@/app/_audit/export-response';
import { errorResponse } from '@/lib/commands/errors';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/result';

/** One organization's activity as CSV or JSON Lines, streamed. A read: it changes nothing. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const organization = await (await db()).organization.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!organization) return errorResponse(notFound());
  return auditExportResponse(request, { organizationId: organization.id, slug: organization.slug });
}
