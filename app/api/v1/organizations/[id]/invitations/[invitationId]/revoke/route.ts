import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/invitations/{invitationId}/revoke: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const POST = apiHandler('POST', '/organizations/{id}/invitations/{invitationId}/revoke');
