import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/members/{membershipId}: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}/members/{membershipId}');
export const PATCH = apiHandler('PATCH', '/organizations/{id}/members/{membershipId}');
export const DELETE = apiHandler('DELETE', '/organizations/{id}/members/{membershipId}');
