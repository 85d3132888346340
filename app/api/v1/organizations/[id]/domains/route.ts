import { apiHandler } from '@/lib/api/route';

/** /organizations/{id}/domains: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/organizations/{id}/domains');
export const POST = apiHandler('POST', '/organizations/{id}/domains');
