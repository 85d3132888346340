import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/permissions: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}/permissions');
