import { handleApi, runApiCommand } from '@/lib/api/http';
import { reportActivityCommand } from '@/lib/organizations/commands';

/**
 * POST /api/v1/organizations/{id}/activity: end-user activity the app saw, `{ email?, occurredAt? }`
 * (scope activity.report). It is what makes an organization Active; the answer carries its state.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApi(request, async (call) => runApiCommand(reportActivityCommand, call, { ...call.body, organizationId: id }), {
    created: true,
  });
}
