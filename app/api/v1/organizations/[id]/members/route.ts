import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/members: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}/members');
export const POST = apiHandler('POST', '/organizations/{id}/members');
