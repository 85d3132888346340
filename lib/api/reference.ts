/**
 * The console's API reference page, read off the OpenAPI document (lib/api/openapi.ts) so the
 * page and the document can't say different things. Pure.
 */
type Json = Record<string, unknown>;

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string;
  parameters: (ReferenceField & { in: string })[];
  body: ReferenceField[];
  success: string;
  /** `Organization`, `page of Member`, or null for no content. */
  answer: string | null;
  answerLink: string | null;
}

export interface ReferenceSection {
  tag: string;
  description: string;
  operations: ReferenceOperation[];
}

function refName(schema: unknown): string | null {
  const ref = (schema as Json | undefined)?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop()! : null;
}

/** A JSON Schema's type in a few words: `string (uuid)`, `integer 1–100`, `one of a, b`, `Member[]`, `string or null`. */
export function describeType(schema: Json | undefined): string {
  if (!schema) return 'any';
  const named = refName(schema);
  if (named) return named;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(describeType).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${(schema.enum as unknown[]).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).join(' or ') : String(schema.type ?? 'any');
  if (type === 'array') return `${describeType(schema.items as Json)}[]`;
  const parts = [type];
  if (schema.format) parts.push(`(${schema.format})`);
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') parts.push(`${schema.minimum}–${schema.maximum}`);
  if (typeof schema.maxLength === 'number') parts.push(`up to ${schema.maxLength} characters`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(' ');
}

export function fieldsOf(schema: Json | undefined): ReferenceField[] {
  const properties = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: describeType(property),
    required: required.has(name),
    description: String(property.description ?? ''),
  }));
}

export function referenceSections(doc: Json): ReferenceSection[] {
  const tags = (doc.tags ?? []) as { name: string; description: string }[];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const operations: (ReferenceOperation & { tag: string })[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const responses = (op.responses ?? {}) as Record<string, Json>;
      const success = Object.keys(responses).find((code) => code.startsWith('2')) ?? '200';
      const content = (responses[success]?.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
      const data = (content?.properties as Record<string, Json> | undefined)?.data;
      const item = data?.type === 'array' ? (data.items as Json) : data;
      const name = refName(item);
      const requestBody = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
      operations.push({
        tag: ((op.tags ?? []) as string[])[0] ?? '',
        anchor: String(op.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ''),
        description: String(op.description ?? ''),
        scope: String(op['x-orgdesk-scope'] ?? ''),
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          type: describeType(p.schema as Json),
          required: Boolean(p.required),
          description: String(p.description ?? ''),
        })),
        body: fieldsOf(requestBody?.['application/json']?.schema),
        success,
        answer: data ? (data.type === 'array' ? `page of ${name ?? 'rows'}` : (name ?? 'object')) : null,
        answerLink: name ? `schema-${name}` : null,
      });
    }
  }
  return tags.map((tag) => ({
    tag: tag.name,
    description: tag.description,
    operations: operations.filter((op) => op.tag === tag.name),
  }));
}

/** The named schemas, each with its fields, for the page's last section. */
export function referenceSchemas(doc: Json): { name: string; fields: ReferenceField[] }[] {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  return Object.entries(schemas).map(([name, schema]) => ({ name, fields: fieldsOf(schema) }));
}
