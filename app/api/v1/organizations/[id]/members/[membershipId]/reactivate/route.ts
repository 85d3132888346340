import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/members/{membershipId}/reactivate: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const POST = apiHandler('POST', '/organizations/{id}/members/{membershipId}/reactivate');
