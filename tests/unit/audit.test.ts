import { describe, expect, it } from 'vitest';
import { describeActor, describeSummary } from '@/lib/audit/describe';
import { csvField, csvRow, jsonLine } from '@/lib/audit/export';
import { parseActorFilter } from '@/lib/audit/queries';
import { changedFields } from '@/lib/audit/record';

describe('audit summaries', () => {
  it('keeps only the fields that changed', () => {
    expect(changedFields({ name: 'A', slug: 'a' }, { name: 'B', slug: 'a' })).toEqual({ name: { before: 'A', after: 'B' } });
    const at = new Date('2026-01-01T00:00:00Z');
    expect(changedFields({ at }, { at: new Date(at) })).toEqual({});
  });

  it('reads as short lines, states and roles in the console’s words', () => {
    expect(
      describeSummary({ state: { before: 'setup', after: 'needs_attention' }, role: 'admin', reasons: [{ code: 'suspended' }] }),
    ).toEqual(['state: Setup → Needs attention', 'role: Admin', 'reasons: suspended']);
    expect(describeSummary({ expiresAt: '2026-12-06T10:00:00.000Z', includeSubdomains: { before: false, after: true } })).toEqual([
      'expires at: Dec 6, 2026, 10:00 AM UTC',
      'include subdomains: false → true',
    ]);
    expect(describeSummary(null)).toEqual([]);
  });

  it('names the actor by address, or says what kind of caller it was', () => {
    expect(describeActor({ actorKind: 'console_user', actorId: 'u', actorEmail: 'ada@x.test' })).toBe('ada@x.test');
    expect(describeActor({ actorKind: 'system', actorId: 'state catch-up', actorEmail: null })).toBe('Orgdesk (state catch-up)');
  });
});

describe('audit filters', () => {
  it.each([
    ['', null],
    ['system', { kind: 'system' }],
    [' Ada@Example.COM ', { email: 'ada@example.com' }],
    ['not an address', { unknown: 'not an address' }],
  ])('actor %j', (input, expected) => {
    expect(parseActorFilter(input)).toEqual(expected);
  });
});

describe('audit exports', () => {
  const row = {
    id: 'e1',
    occurredAt: new Date('2026-11-29T12:00:00.000Z'),
    organizationId: 'o1',
    actorKind: 'console_user',
    actorId: 'u1',
    actorEmail: 'ada@x.test',
    action: 'organization.renamed',
    targetType: 'organization',
    targetId: 'o1',
    targetLabel: '=HYPERLINK("x")',
    summary: { name: { before: 'A, "quoted"', after: 'B\nline' } },
    ip: null,
    requestId: 'r1',
  };

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(null)).toBe('');
    const line = csvRow(row);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line.startsWith('2026-11-29T12:00:00.000Z,o1,organization.renamed,console_user,u1,ada@x.test,')).toBe(true);
  });

  it('writes one JSON object per line', () => {
    const line = jsonLine(row);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ action: 'organization.renamed', summary: { name: { after: 'B\nline' } }, ip: null });
  });
});
