import { apiHandler } from '@/lib/api/route';

/** /audit-events: declared in lib/api/endpoints.ts, documented at /api/v1/openapi.json. */
export const GET = apiHandler('GET', '/audit-events');
