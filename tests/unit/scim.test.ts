import { describe, expect, it } from 'vitest';
import { ScimFailure } from '@/lib/directory/scim/errors';
import { type Filter, matchesElement, parseFilter } from '@/lib/directory/scim/filter';
import { normalizeResource } from '@/lib/directory/scim/normalize';
import { applyPatch, parsePatchRequest } from '@/lib/directory/scim/patch';
import { ENTERPRISE_USER_SCHEMA, findAttribute, GROUP_TYPE, SCHEMAS, USER_TYPE } from '@/lib/directory/scim/schema';

const EMAILS = findAttribute(SCHEMAS[USER_TYPE.schema]!.attributes, 'emails')!;
const MEMBERS = findAttribute(SCHEMAS[GROUP_TYPE.schema]!.attributes, 'members')!;

function failure(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimFailure) return error.error;
    throw error;
  }
  throw new Error('expected a SCIM failure');
}

/** A compact rendering of a parsed filter, to compare shapes. */
function show(filter: Filter): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${show(filter.left)} ${filter.kind} ${show(filter.right)})`;
    case 'not':
      return `not(${show(filter.filter)})`;
    case 'present':
      return `${name(filter.path)} pr`;
    case 'compare':
      return `${name(filter.path)} ${filter.op} ${JSON.stringify(filter.value)}`;
    case 'valuePath':
      return `${name(filter.path)}[${show(filter.filter)}]${filter.then ? `.${show(filter.then)}` : ''}`;
  }
}
const name = (path: { urn: string | null; attribute: { name: string }; sub: { name: string } | null }) =>
  `${path.urn ? `${path.urn}:` : ''}${path.attribute.name}${path.sub ? `.${path.sub.name}` : ''}`;

describe('SCIM filters', () => {
  it('reads every operator, with case-insensitive names and operators', () => {
    for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
      expect(show(parseFilter(`USERNAME ${op.toUpperCase()} "a"`, USER_TYPE))).toBe(`userName ${op} "a"`);
    }
    expect(show(parseFilter('title pr', USER_TYPE))).toBe('title pr');
    expect(show(parseFilter('DisplayName eq "BobIsAmazing"', USER_TYPE))).toBe('displayName eq "BobIsAmazing"');
  });

  it('binds and tighter than or, and honors parentheses and not', () => {
    expect(show(parseFilter('userName eq "a" or userName eq "b" and active eq true', USER_TYPE))).toBe(
      '(userName eq "a" or (userName eq "b" and active eq true))',
    );
    expect(show(parseFilter('(userName eq "a" or userName eq "b") and not (active eq false)', USER_TYPE))).toBe(
      '((userName eq "a" or userName eq "b") and not(active eq false))',
    );
  });

  it('reads value paths, with and without a following comparison', () => {
    expect(show(parseFilter('emails[type eq "work" and value co "@example.com"]', USER_TYPE))).toBe(
      'emails[(type eq "work" and value co "@example.com")]',
    );
    expect(show(parseFilter('emails[type eq "work"].value eq "x@y.z"', USER_TYPE))).toBe('emails[type eq "work"].value eq "x@y.z"');
  });

  it('reads bare values as some clients send them, and URN-qualified names', () => {
    expect(
      show(parseFilter('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)', USER_TYPE)),
    ).toBe('(name.familyName eq "Employee" and (emails.value co "example.com" or emails.value co "example.org"))');
    expect(show(parseFilter('meta.Created gt 2015-10-10T14:38:21.8617979-07:00', USER_TYPE))).toBe(
      'meta.created gt "2015-10-10T14:38:21.8617979-07:00"',
    );
    expect(show(parseFilter(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "42"`, USER_TYPE))).toBe(
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "42"`,
    );
    expect(show(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', USER_TYPE))).toBe('userName sw "J"');
  });

  it('keeps escaped quotes and wildcards inside quoted values', () => {
    const filter = parseFilter('userName eq "a \\"quoted\\" 50%_name"', USER_TYPE);
    expect(filter.kind === 'compare' && filter.value).toBe('a "quoted" 50%_name');
  });

  it('reads true and false for booleans, in any case, and "eq null" as absence', () => {
    expect(show(parseFilter('active eq "False"', USER_TYPE))).toBe('active eq false');
    expect(show(parseFilter('active eq TRUE', USER_TYPE))).toBe('active eq true');
    expect(show(parseFilter('title eq null', USER_TYPE))).toBe('not(title pr)');
  });

  it('refuses unknown attributes, bad syntax and mismatched types with invalidFilter', () => {
    const cases = [
      'nickname2 eq "x"',
      'userName eq',
      'userName like "x"',
      '(userName eq "x"',
      'userName eq "x" extra',
      'emails[type eq "work"',
      'userName[type eq "x"]',
      'emails[nope eq "x"]',
      'active gt true',
      'active eq "maybe"',
      'meta.created co "2020"',
      'meta.created gt "yesterday"',
      'name eq "x"',
      'userName eq "unterminated',
      '',
    ];
    for (const text of cases) {
      const error = failure(() => parseFilter(text, USER_TYPE));
      expect(error, text).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    }
    expect(failure(() => parseFilter('x'.repeat(3000), USER_TYPE)).detail).toMatch(/at most/);
    expect(failure(() => parseFilter(`${'('.repeat(40)}userName eq "a"${')'.repeat(40)}`, USER_TYPE)).detail).toMatch(/nested/);
  });

  it('filters groups by displayName, externalId and members', () => {
    expect(show(parseFilter('displayName eq "Sales" and members.value eq "abc"', GROUP_TYPE))).toBe(
      '(displayName eq "Sales" and members.value eq "abc")',
    );
    expect(failure(() => parseFilter('userName eq "x"', GROUP_TYPE)).scimType).toBe('invalidFilter');
  });

  it('matches elements of multi-valued attributes in memory for PATCH paths', () => {
    const filter = parseFilter('type eq "WORK" and primary eq true', USER_TYPE, EMAILS);
    expect(matchesElement(filter, { type: 'work', primary: true, value: 'a@b.c' })).toBe(true);
    expect(matchesElement(filter, { type: 'work', primary: false })).toBe(false);
    const members = parseFilter('value eq "ABC"', GROUP_TYPE, MEMBERS);
    // members' value is case-exact: an id
    expect(matchesElement(members, { value: 'ABC' })).toBe(true);
    expect(matchesElement(members, { value: 'abc' })).toBe(false);
  });
});

describe('reading SCIM resources', () => {
  it('canonicalizes attribute names, booleans and the enterprise extension', () => {
    const resource = normalizeResource(USER_TYPE, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      UserName: 'ryan',
      Active: 'False',
      emails: [{ Primary: 'True', Type: 'work', Value: 'ryan@example.com' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { Department: 'bob', Manager: { Value: 'SuzzyQ' } },
      password: 'hunter2',
      id: 'client-chosen',
      meta: { created: '2019-01-01T00:00:00Z' },
      unknownThing: 1,
      title: null,
    });
    expect(resource).toEqual({
      userName: 'ryan',
      active: false,
      emails: [{ primary: true, type: 'work', value: 'ryan@example.com' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'bob', manager: { value: 'SuzzyQ' } },
    });
  });

  it('accepts URN-qualified top-level extension attributes and a single object for a list', () => {
    const resource = normalizeResource(USER_TYPE, {
      userName: 'a',
      [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: 42,
      emails: { value: 'a@b.c' },
    });
    expect(resource).toEqual({ userName: 'a', emails: [{ value: 'a@b.c' }], [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42' } });
  });

  it('refuses values of the wrong kind with invalidValue', () => {
    expect(failure(() => normalizeResource(USER_TYPE, { userName: 'a', active: 'perhaps' }))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    });
    expect(failure(() => normalizeResource(USER_TYPE, { userName: { a: 1 } })).scimType).toBe('invalidValue');
    expect(failure(() => normalizeResource(USER_TYPE, ['not', 'an', 'object'])).scimType).toBe('invalidSyntax');
  });

  it('reads string members of groups as member ids', () => {
    expect(normalizeResource(GROUP_TYPE, { displayName: 'G', members: ['u1', { value: 'u2', display: 'Two' }] })).toEqual({
      displayName: 'G',
      members: [{ value: 'u1' }, { value: 'u2', display: 'Two' }],
    });
  });
});

describe('SCIM PATCH', () => {
  const user = {
    userName: 'ryan',
    active: true,
    name: { givenName: 'Ryan', familyName: 'Leenay' },
    emails: [
      { type: 'work', value: 'ryan@work.example', primary: true },
      { type: 'home', value: 'ryan@home.example' },
    ],
  };
  const patch = (resource: Record<string, unknown>, operations: unknown[], type = USER_TYPE) =>
    applyPatch(type, resource, parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations }));

  it('reads op in any case and replaces simple attributes', () => {
    const next = patch(user, [{ op: 'Replace', path: 'userName', value: 'newusername' }]);
    expect(next.userName).toBe('newusername');
    expect(user.userName).toBe('ryan'); // the input is never changed
  });

  it('applies Okta’s path-less replace of active, and Entra’s "False"', () => {
    expect(patch(user, [{ op: 'replace', value: { active: false } }]).active).toBe(false);
    expect(patch(user, [{ op: 'Replace', path: 'active', value: 'False' }]).active).toBe(false);
    expect(patch(user, [{ op: 'replace', path: 'active', value: 'TRUE' }]).active).toBe(true);
  });

  it('takes dotted and URN keys in a path-less replace, merging complex attributes', () => {
    const next = patch(user, [
      {
        op: 'replace',
        value: {
          'name.givenName': 'Bryan',
          [`${ENTERPRISE_USER_SCHEMA}:department`]: 'Sales',
          [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'boss' } },
          displayName: 'Bryan L',
        },
      },
    ]);
    expect(next.name).toEqual({ givenName: 'Bryan', familyName: 'Leenay' });
    expect(next[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Sales', manager: { value: 'boss' } });
    expect(next.displayName).toBe('Bryan L');
  });

  it('replaces through a value path with a sub-attribute, creating the element when none matches', () => {
    const changed = patch(user, [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@work.example' }]);
    expect(changed.emails).toEqual([
      { type: 'work', value: 'new@work.example', primary: true },
      { type: 'home', value: 'ryan@home.example' },
    ]);
    const created = patch({ userName: 'x' }, [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@work.example' }]);
    expect(created.emails).toEqual([{ type: 'work', value: 'x@work.example' }]);
  });

  it('handles URN-qualified paths and sub-attribute paths', () => {
    const next = patch(user, [
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager.value`, value: 'boss' },
      { op: 'replace', path: 'name.familyName', value: 'L' },
      { op: 'remove', path: 'name.givenName' },
    ]);
    expect(next[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: 'boss' } });
    expect(next.name).toEqual({ familyName: 'L' });
  });

  it('adds to multi-valued attributes without duplicates, keeping one primary', () => {
    const next = patch(user, [{ op: 'add', path: 'emails', value: [{ type: 'other', value: 'r@other.example', primary: true }] }]);
    expect(next.emails).toEqual([
      { type: 'work', value: 'ryan@work.example', primary: false },
      { type: 'home', value: 'ryan@home.example' },
      { type: 'other', value: 'r@other.example', primary: true },
    ]);
    const again = patch(next, [{ op: 'add', path: 'emails', value: [{ type: 'other', value: 'R@OTHER.example', primary: true }] }]);
    expect((again.emails as unknown[]).length).toBe(3);
  });

  it('removes only the listed members, by value list or by filter, and all with a bare path', () => {
    const group = { displayName: 'G', members: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] };
    expect(patch(group, [{ op: 'remove', path: 'members', value: [{ value: 'b' }] }], GROUP_TYPE).members).toEqual([
      { value: 'a' },
      { value: 'c' },
    ]);
    expect(patch(group, [{ op: 'remove', path: 'members[value eq "c"]' }], GROUP_TYPE).members).toEqual([{ value: 'a' }, { value: 'b' }]);
    expect(patch(group, [{ op: 'remove', path: 'members' }], GROUP_TYPE).members).toBeUndefined();
    // member ids are exact: "A" is not "a"
    expect(patch(group, [{ op: 'remove', path: 'members', value: [{ value: 'A' }] }], GROUP_TYPE).members).toHaveLength(3);
  });

  it('adds members given as objects or as bare ids', () => {
    const group = { displayName: 'G', members: [{ value: 'a' }] };
    expect(
      patch(
        group,
        [
          { op: 'add', path: 'members', value: [{ value: 'b', display: 'B' }] },
          { op: 'add', path: 'members', value: 'c' },
        ],
        GROUP_TYPE,
      ).members,
    ).toEqual([{ value: 'a' }, { value: 'b', display: 'B' }, { value: 'c' }]);
  });

  it('refuses a path-less remove with noTarget', () => {
    expect(failure(() => patch(user, [{ op: 'remove' }]))).toMatchObject({ status: 400, scimType: 'noTarget' });
  });

  it('applies all operations or none', () => {
    const error = failure(() =>
      patch(user, [
        { op: 'replace', path: 'userName', value: 'changed' },
        { op: 'replace', path: 'nope', value: 1 },
      ]),
    );
    expect(error.scimType).toBe('invalidPath');
    expect(user.userName).toBe('ryan');
  });

  it('refuses unknown ops, read-only attributes, a blank userName and a body that is not a PatchOp', () => {
    expect(failure(() => patch(user, [{ op: 'merge', path: 'userName', value: 'x' }])).scimType).toBe('invalidSyntax');
    expect(failure(() => patch(user, [{ op: 'replace', path: 'id', value: 'x' }])).scimType).toBe('mutability');
    expect(failure(() => patch(user, [{ op: 'remove', path: 'userName' }])).scimType).toBe('invalidValue');
    expect(failure(() => parsePatchRequest({ schemas: ['urn:other'], Operations: [{ op: 'add' }] })).scimType).toBe('invalidSyntax');
    expect(failure(() => parsePatchRequest({ Operations: [] })).scimType).toBe('invalidSyntax');
    expect(failure(() => patch(user, [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }])).status).toBe(400);
  });

  it('Okta renames a group with a path-less replace that carries its id: the id is ignored', () => {
    const group = { displayName: 'Old', members: [{ value: 'a' }] };
    const renamed = patch(
      group,
      [{ op: 'replace', value: { id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b', displayName: 'New' } }],
      GROUP_TYPE,
    );
    expect(renamed).toEqual({ displayName: 'New', members: [{ value: 'a' }] });
  });

  it('accepts and drops a password', () => {
    const next = patch(user, [
      { op: 'replace', value: { password: 'secret' } },
      { op: 'replace', path: 'password', value: 'x' },
    ]);
    expect(next).toEqual(user);
  });

  it('reads lower-case "operations" keys as Entra sometimes sends them', () => {
    expect(parsePatchRequest({ operations: [{ OP: 'Add', Path: 'title', Value: 'x' }] })).toEqual([
      { op: 'add', path: 'title', value: 'x' },
    ]);
  });
});
