import { type ApiCall, handleApi, runApiCommand } from '@/lib/api/http';
import { apiOrganizationById, apiOrganizationList } from '@/lib/api/organizations';
import { db } from '@/lib/db/client';
import { createOrganizationCommand } from '@/lib/organizations/commands';

/** GET /api/v1/organizations: the organizations the key reaches, filtered, searched and paged by cursor. */
export async function GET(request: Request) {
  return handleApi(request, async (call) => ({ status: 200, body: await apiOrganizationList(await db(), call) }));
}

/** POST /api/v1/organizations: `{ name, slug }` creates an organization (scope organizations.create). */
export async function POST(request: Request) {
  return handleApi(
    request,
    async (call: ApiCall) => {
      const created = await runApiCommand(createOrganizationCommand, call, call.body);
      if (!created.ok) return created;
      return { status: 201, body: { data: await apiOrganizationById(await db(), call, created.data.id) } };
    },
    { created: true },
  );
}
