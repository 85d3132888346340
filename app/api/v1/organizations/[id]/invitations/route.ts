import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/invitations: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}/invitations');
export const POST = apiHandler('POST', '/organizations/{id}/invitations');
