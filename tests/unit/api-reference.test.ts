import { describe, expect, it } from 'vitest';
import { ENDPOINTS, scopeOf } from '@/lib/api/endpoints';
import { openApiDocument } from '@/lib/api/openapi';
import { describeType, fieldsOf, referenceSchemas, referenceSections } from '@/lib/api/reference';
import { CONSOLE_ONLY_PERMISSIONS, NOT_FOR_API_KEYS } from '@/lib/commands/permissions';

describe('the endpoint table', () => {
  it('has one operation id per endpoint and one endpoint per method and path', () => {
    expect(new Set(ENDPOINTS.map((e) => e.operationId)).size).toBe(ENDPOINTS.length);
    expect(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`)).size).toBe(ENDPOINTS.length);
  });

  it('asks only for scopes a key can hold', () => {
    for (const endpoint of ENDPOINTS) expect(NOT_FOR_API_KEYS.has(scopeOf(endpoint)), endpoint.operationId).toBe(false);
    // Reads are organization permissions, so restricted keys can use them.
    const reads = ENDPOINTS.filter((e) => !('command' in e)).map(scopeOf);
    for (const scope of reads) expect(CONSOLE_ONLY_PERMISSIONS.has(scope)).toBe(false);
  });
});

describe('the reference page’s reading of the document', () => {
  it('describes JSON Schema types in a few words', () => {
    expect(describeType({ type: 'string', format: 'uuid' })).toBe('string (uuid)');
    expect(describeType({ type: 'integer', minimum: 1, maximum: 100, default: 50 })).toBe('integer 1–100 default 50');
    expect(describeType({ enum: ['active', 'suspended'] })).toBe('one of active, suspended');
    expect(describeType({ type: 'array', items: { $ref: '#/components/schemas/Member' } })).toBe('Member[]');
    expect(describeType({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string or null');
    expect(describeType(undefined)).toBe('any');
  });

  it('lists an object’s fields with what is required', () => {
    expect(
      fieldsOf({ type: 'object', properties: { a: { type: 'string', description: 'A.' }, b: { type: 'boolean' } }, required: ['a'] }),
    ).toEqual([
      { name: 'a', type: 'string', required: true, description: 'A.' },
      { name: 'b', type: 'boolean', required: false, description: '' },
    ]);
  });

  it('shows every operation under its tag, with its scope, body and answer', () => {
    const doc = openApiDocument('https://console.example');
    const sections = referenceSections(doc);
    expect(sections.flatMap((s) => s.operations)).toHaveLength(ENDPOINTS.length);
    const add = sections.find((s) => s.tag === 'Members')!.operations.find((op) => op.anchor === 'addMember')!;
    expect(add).toMatchObject({
      method: 'POST',
      path: '/organizations/{id}/members',
      scope: 'members.manage',
      success: '201',
      answer: 'Member',
    });
    expect(add.body.map((f) => f.name)).toEqual(['email', 'name', 'role']);
    expect(add.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'header:Idempotency-Key']);
    const list = sections.find((s) => s.tag === 'Organizations')!.operations.find((op) => op.anchor === 'listOrganizations')!;
    expect(list.answer).toBe('page of Organization');
    const remove = sections.flatMap((s) => s.operations).find((op) => op.anchor === 'removeMember')!;
    expect(remove).toMatchObject({ success: '204', answer: null });
    expect(referenceSchemas(doc).map((s) => s.name)).toEqual(expect.arrayContaining(['Organization', 'Member', 'Error']));
  });
});
