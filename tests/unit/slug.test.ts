import { describe, expect, it } from 'vitest';
import { createOrganizationSchema } from '@/lib/organizations/schemas';
import { RESERVED_SLUGS, slugify, slugProblem, suggestFreeSlug } from '@/lib/organizations/slug';

describe('slugify', () => {
  it.each([
    ['Acme', 'acme'],
    ['Café Münster', 'cafe-munster'],
    ['  Globex   Corporation  ', 'globex-corporation'],
    ['Straße & Søn', 'strasse-son'],
    ['Ærø Łódź', 'aero-lodz'],
    ['ACME (pilot) #2', 'acme-pilot-2'],
    ['--Dash--Name--', 'dash-name'],
    ['日本株式会社', ''],
    ['Ωmega', 'mega'],
    ['Я', ''],
    ['a', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('cuts at 48 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(47)} b c`);
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug.endsWith('-')).toBe(false);
    expect(slugProblem(slug)).toBeNull();
  });
});

describe('slugProblem', () => {
  it.each([
    ['ok', null],
    ['acme-2', null],
    ['a'.repeat(48), null],
    ['a', 'Use at least 2 characters.'],
    ['a'.repeat(49), 'Use at most 48 characters.'],
    ['-acme', 'Don’t start or end the slug with a hyphen.'],
    ['acme-', 'Don’t start or end the slug with a hyphen.'],
    ['ac--me', 'Use single hyphens only.'],
    ['Acme', 'Use only lowercase letters a–z, digits and hyphens.'],
    ['ac_me', 'Use only lowercase letters a–z, digits and hyphens.'],
    ['café', 'Use only lowercase letters a–z, digits and hyphens.'],
    ['new', '“new” is reserved. Choose another slug.'],
    ['', 'Enter a slug.'],
  ])('%j', (slug, problem) => {
    expect(slugProblem(slug)).toBe(problem);
  });

  it('reserves the console routes', () => {
    for (const word of ['new', 'api', 'admin', 'login', 'dev']) expect(RESERVED_SLUGS.has(word)).toBe(true);
  });
});

describe('suggestFreeSlug', () => {
  it('appends the first free number', () => {
    const taken = new Set(['acme', 'acme-2', 'acme-3']);
    expect(suggestFreeSlug('acme', (s) => taken.has(s))).toBe('acme-4');
  });
  it('stays within 48 characters', () => {
    const base = 'a'.repeat(48);
    const suggestion = suggestFreeSlug(base, (s) => s === base);
    expect(suggestion).toBe(`${'a'.repeat(46)}-2`);
  });
});

describe('createOrganizationSchema', () => {
  it('trims the name and normalizes the slug', () => {
    expect(createOrganizationSchema.parse({ name: '  Acme  ', slug: ' ACME ' })).toEqual({ name: 'Acme', slug: 'acme' });
  });
  it.each([
    [{ name: '   ', slug: 'acme' }, 'name', 'Enter a name.'],
    [{ name: 'x'.repeat(101), slug: 'acme' }, 'name', 'Use at most 100 characters.'],
    [{ name: 'Acme\r\nBcc: x', slug: 'acme' }, 'name', 'Remove line breaks and control characters.'],
    [{ name: 'Acme', slug: 'api' }, 'slug', '“api” is reserved. Choose another slug.'],
    [{ name: 'Acme' }, 'slug', 'Enter a slug.'],
  ])('rejects %j', (input, field, message) => {
    const result = createOrganizationSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });
  it('accepts exactly 100 characters', () => {
    expect(createOrganizationSchema.safeParse({ name: 'x'.repeat(100), slug: 'xx' }).success).toBe(true);
  });
});
