import { ApiReference } from '@/components/api-keys/api-reference';
import { openApiDocument } from '@/lib/api/openapi';
import { referenceSchemas, referenceSections } from '@/lib/api/reference';
import { requireBuilderPage } from '@/lib/auth/require';
import { getConfig } from '@/lib/config';

export const metadata = { title: 'API reference' };

/** The REST API's reference, read off the same OpenAPI document that /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  await requireBuilderPage('/api-keys/reference');
  const doc = openApiDocument(getConfig().appUrl);
  const info = doc.info as { description: string };
  return (
    <ApiReference
      intro={info.description.split('\n\n')}
      sections={referenceSections(doc)}
      schemas={referenceSchemas(doc)}
      errors={Object.entries(doc['x-orgdesk-error-codes'] as Record<string, { status: number; message: string }>).map(([code, e]) => ({
        code,
        ...e,
      }))}
      scopes={Object.entries(doc['x-orgdesk-scopes'] as Record<string, string>).map(([scope, description]) => ({ scope, description }))}
    />
  );
}
