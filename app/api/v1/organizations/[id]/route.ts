import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}');
export const PATCH = apiHandler('PATCH', '/organizations/{id}');
export const DELETE = apiHandler('DELETE', '/organizations/{id}');
