import { handleApi } from '@/lib/api/http';
import { apiOrganizationById } from '@/lib/api/organizations';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/result';

/** GET /api/v1/organizations/{id}: one organization the key reaches, with its state and the reasons for it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApi(request, async (call) => {
    const organization = await apiOrganizationById(await db(), call, id);
    return organization ? { status: 200, body: { data: organization } } : notFound();
  });
}
