import { openApiDocument } from '@/lib/api/openapi';
import { getConfig } from '@/lib/config';

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from lib/api/endpoints.ts. Public, like any API reference. */
export async function GET() {
  return Response.json(openApiDocument(getConfig().appUrl), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
